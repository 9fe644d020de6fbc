import { scanPythonSource } from './scanSource';

// A fresh thread scans cold: V8 optimizes the lexer for the constructs it has met so far, and each construct met
// later for the first time throws the optimized code away ("insufficient type feedback"); on wagtail a thread
// compiled scanPythonSource about ten times, each compile costing 0.1-0.4 s of CPU. Scanning these texts a
// few times first, while the code still runs in the interpreter, records feedback for every branch that real
// files take, so the optimizing compiler sees them all the first time. The results are thrown away.

export const MODELS = `# -*- coding: utf-8 -*-
"""Models of the shop: orders, lines and payments.

import this_is_not_an_import
"""
from __future__ import annotations

import logging, os.path as osp
import json
from typing import TYPE_CHECKING, List, Optional
from decimal import Decimal
from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from . import signals
from .. import utils
from ..core.fields import (
    AutoSlugField,
    UppercaseField as Upper,
)
from ...legacy import *
from oscar.core.loading import get_class, get_model

try:
    import ujson as fastjson
    import simplejson
    from json import loads as load_json, dumps
except (ImportError, ModuleNotFoundError):
    fastjson = None

if TYPE_CHECKING:
    from oscar.apps.partner.models import Partner

logger = logging.getLogger(__name__)
Basket = get_model("basket", "Basket")
Dispatcher = get_class('order.utils', 'Dispatcher')
DEFAULT_LIMIT = 10
VERSION = settings.VERSION
User = None


class AbstractOrder(models.Model):
    """An order."""

    number = models.CharField(_("Order number"), max_length=128, db_index=True, unique=True)
    site = models.ForeignKey('sites.Site', verbose_name=_("Site"), null=True, on_delete=models.SET_NULL)
    basket = models.ForeignKey("basket.Basket", null=True, blank=True, on_delete=models.SET_NULL)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name='orders', on_delete=models.SET_NULL)
    parent = models.OneToOneField("self", on_delete=models.CASCADE)
    tags = models.ManyToManyField(to=Tag, blank=True, weight=1.5e3, help_text="""one
two""")  # a comment
    label: str
    total = models.DecimalField(decimal_places=2, max_digits=12, default=Decimal('0.00'))
    rate: float = 0.5e-3 + 1_000 + 0x1F + 0o17 + 0b101 + 3j + .25 + 1E+5

    class Meta:
        abstract = True
        app_label = "order"
        ordering = ["-date_placed"]
        verbose_name = _("Order")

    def __str__(self):
        return "#%s" % (self.number,)

    @property
    def total_incl_tax(self) -> Decimal:
        # Lines are summed; see notes.
        total = sum(line.total for line in self.lines.all() if line.quantity > 0)
        if total >= 100 and not self.is_free or total <= -1:
            total //= 2; total **= 1; total >>= 0; total <<= 0
        return total

    async def refresh(self, *args, **kwargs):
        from oscar.apps.order import processing
        await processing.run(self, *args, **kwargs)
        return [x async for x in self.stream()]

    def describe(self, sep=", "):
        label = f"{ {'k': 1}['k'] }{len(self.lines[0])}{self.number!r:>10} {{literal}} {self.total:{sep}.2f} {'nested'} {self.user.name if self.user else ''}"
        raw = rf"\\d+{self.number}" + Rb'\\x00' + br"bytes" + u"unicode" + b'\\xff' + r'\\\\'
        text = '''triple
single 'quoted' inside''' + """another
"triple" one"""
        path = 'a\\
b'
        if (n := len(text)) != 3 and n == 4 or n < 2 or n > 9:
            pass
        mask = ~n & 0xFF | 1 ^ 2 % 3 @ m if False else -n
        return label, raw, text, path, mask, lambda v: v * 2, {k: v for k, v in {}.items()}


class Order(AbstractOrder):
    class Meta(AbstractOrder.Meta):
        proxy = False
        label = "order.Order"


class Line(models.Model, metaclass=ModelBase):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    partner = models.ForeignKey(
        "partner.Partner",
        related_name="order_lines",
        on_delete=models.SET_NULL,
        null=True,
    )


class OrderMixin:
    proxy = True

    class Inner(Base, metaclass=Meta):
        owner = models.ForeignKey("auth.User", on_delete=models.CASCADE)


@override_settings(AUTH_USER_MODEL="auth.User")
def test_user():
    class Local(models.Model):
        ref = models.ForeignKey('self', on_delete=models.CASCADE)
    return settings.AUTH_USER_MODEL


if TYPE_CHECKING:
    class Typed(models.Model):
        ref = models.OneToOneField("order.Order", on_delete=models.CASCADE)


match command:
    case ["go", direction]:
        pass
    case _:
        pass

if DEBUG: value = 1
class Empty: pass

with transaction.atomic() as atomic, open(osp.join("a", "b")) as handle:
    for index in range(DEFAULT_LIMIT):
        while index < 3:
            index += 1
        else:
            continue
    try:
        value = json.loads(handle.read())
    except ValueError as error:
        raise RuntimeError("bad") from error
    finally:
        del value

INSTALLED_APPS = ["django.contrib.admin", 'django.contrib.auth', "oscar" ".apps.order"]
INSTALLED_APPS += ("shop.apps.ShopConfig",)
LOCAL_APPS = INSTALLED_APPS + ["extra"]
AUTH_USER_MODEL = "accounts.User"
`;

export const ALCHEMY = `\ufeffimport sqlalchemy as sa
from flask import Blueprint
from fastapi import APIRouter, Depends
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase, Mapped, declarative_base, mapped_column, relationship
from sqlmodel import Field, Relationship, SQLModel\r
from app.models import (\r
    User,  # the user\r
    Group,\r
)\r

db = SQLAlchemy()
Base = declarative_base()
bp = Blueprint("orders", __name__, url_prefix="/orders")
router = APIRouter (prefix="/items")


class Model(DeclarativeBase):
\tpass


class Team(db.Model):
\t__tablename__ = "teams"
\t__abstract__ = True
\tid = db.Column(db.Integer, primary_key=True)
\towner_id = db.Column(db.Integer, db.ForeignKey("users.id"))
\tmembers: Mapped[List["User"]] = relationship(back_populates="team")
\towner = relationship("User", foreign_keys=[owner_id], info='', doc="")
\tbackref = relationship

\t@declared_attr
\tdef parent_id(cls):
\t\treturn mapped_column(sa.ForeignKey(Team.id))


class Hero(SQLModel, table=True):
\tteam_id: Optional[int] = Field(default=None, foreign_key="team.id")
\tteam: Optional["Team"] = Relationship(back_populates="heroes")


@bp.route("/<int:id>", methods=["GET", "POST"])
def show(id: int) -> dict:
\tif id: import pprint; pprint.pprint(id)
\treturn {"id": id, **{}}\r
\r
\r
async def items(session=Depends(get_session)):\r
\treturn [r async for r in session]\r
\x0c
def ünïcode_名前(a, /, b, *, c):
\treturn a.b.c(d)[e]; x = 1; y = (2,
\t\t3)
`;

/** Texts that end in the errors the lexer reports, so that those paths are not cold either. */
const BROKEN = [
  'import os',
  'x = 1 # no newline',
  '# only a comment',
  'x = name',
  'x = "string"',
  'x = (1,\n',
  "s = 'open\n",
  'def f():\nreturn 1\n',
  'if x:\n        a\n    b\n',
  'a = 1\n  b = 2\n',
  'x = $\n',
  'x = a \\ b\n',
  '',
];

/** How often each text is scanned: enough for V8 to allocate the feedback of every function on the way. */
const ROUNDS = 12;

let warmed = false;

/** Scans the warm-up texts in this thread, once per thread (later calls return at once). */
export function warmUpScanner(): void {
  if (warmed) return;
  warmed = true;
  for (let round = 0; round < ROUNDS; round++) {
    scanPythonSource(MODELS);
    scanPythonSource(ALCHEMY);
    for (const text of BROKEN) scanPythonSource(text);
  }
}

import { MONOLITH_NODE_ID, ProjectSchema, type DependencyKind, type Project, type ProjectInput } from '../model/project';

// "Acme Shop": the bundled sample, a Django e-commerce monolith with four services already carved out.
// Later work demonstrates itself on it (the canvas, the planner, framework recommendations), so its shape is
// deliberate:
// - 25 Django apps under acme/, core and orders the largest;
// - module dependencies form a layered graph with exactly one cycle: orders <-> payments (an order captures
//   its payment; a payment and its refunds point back at their order). It sits inside the monolith: carving
//   orders and payments into two services makes it a cycle between services;
// - between the carved services there is one cycle, through a planned link: Catalog calls Search
//   synchronously to reindex a product, and Search calls Catalog for product details, so the planner moves
//   them together and names the edge that would break the cycle (turning the reindex call into events would);
// - foreign keys across apps are `data` dependencies (OrderLine -> Product, Review -> Customer, ...);
// - the carved services cover the four framework recommendations: models and admin (Django), async I/O
//   (FastAPI), small and simple (Flask), background jobs (Celery worker);
// - the roadmap tells the same story as the planner: Foundations, then Catalog and Search together (their cycle)
//   within the Storefront team's capacity, then Reviews (which reads the catalog) with Notifications (which
//   subscribes to Reviews' events). Phases 1 and 2 keep the names Carve gives new phases and no goal of their
//   own, so their names and goals come from what the planner puts in them and follow any change.
// The same project ships as shared/samples/acme-shop.carve (`npm run sample` writes it; a test compares).

type ModuleRow = [id: string, name: string, linesOfCode: number, tags: string[], entities: string[]];

// Listed from the bottom layer up: a module depends only on modules above it in this list, except for the one
// cycle (orders -> payments).
const MODULES: ModuleRow[] = [
  ['core', 'acme.core', 14_200, ['django-app', 'shared-kernel'], ['SiteSettings', 'Currency', 'Country']],
  ['audit', 'acme.audit', 1_300, ['django-app'], ['AuditEntry']],
  ['accounts', 'acme.accounts', 6_800, ['django-app', 'api', 'admin'], ['Customer', 'Address', 'CustomerGroup', 'StaffProfile']],
  ['media', 'acme.media', 1_900, ['django-app', 'storage'], ['MediaAsset']],
  ['tax', 'acme.tax', 1_400, ['django-app'], ['TaxRate', 'TaxZone']],
  ['catalog', 'acme.catalog', 9_400, ['django-app', 'admin', 'api'], ['Product', 'ProductVariant', 'Category', 'Brand', 'ProductImage']],
  ['pricing', 'acme.pricing', 3_100, ['django-app'], ['PriceList', 'PriceRule']],
  ['inventory', 'acme.inventory', 5_200, ['django-app', 'celery'], ['StockItem', 'Warehouse', 'StockMovement']],
  ['promotions', 'acme.promotions', 3_600, ['django-app', 'admin'], ['Coupon', 'Promotion', 'CouponRedemption']],
  ['notifications', 'acme.notifications', 2_400, ['django-app', 'celery'], ['NotificationTemplate', 'EmailLog']],
  ['fraud', 'acme.fraud', 2_300, ['django-app', 'celery'], ['FraudCheck', 'RiskScore']],
  ['cart', 'acme.cart', 2_600, ['django-app', 'api'], ['Cart', 'CartItem']],
  ['orders', 'acme.orders', 15_200, ['django-app', 'admin', 'api'], ['Order', 'OrderLine', 'OrderEvent']],
  ['payments', 'acme.payments', 7_100, ['django-app', 'async-io', 'api'], ['Payment', 'Refund', 'PaymentMethod']],
  ['shipping', 'acme.shipping', 5_800, ['django-app', 'async-io', 'celery'], ['Shipment', 'Carrier', 'TrackingEvent']],
  ['checkout', 'acme.checkout', 4_300, ['django-app', 'api'], ['CheckoutSession']],
  ['returns', 'acme.returns', 2_900, ['django-app', 'admin'], ['ReturnRequest', 'ReturnLine']],
  ['loyalty', 'acme.loyalty', 2_000, ['django-app'], ['LoyaltyAccount', 'PointsTransaction']],
  ['reviews', 'acme.reviews', 1_800, ['django-app', 'api'], ['Review', 'ReviewVote']],
  ['wishlist', 'acme.wishlist', 700, ['django-app', 'api'], ['Wishlist', 'WishlistItem']],
  ['search', 'acme.search', 3_300, ['async-io', 'api', 'elasticsearch'], ['SearchSynonym']],
  ['recommendations', 'acme.recommendations', 2_100, ['celery', 'ml'], ['ProductAffinity']],
  ['customer-support', 'acme.customer_support', 3_400, ['django-app', 'admin'], ['SupportTicket', 'TicketMessage']],
  ['reporting', 'acme.reporting', 4_800, ['reporting', 'celery'], ['DailySalesSnapshot']],
  ['admin-tools', 'acme.admin_tools', 2_700, ['admin'], []],
];

/** Third-party packages a module imports, where it matters for the framework recommendation. */
const THIRD_PARTY: Readonly<Record<string, string[]>> = {
  inventory: ['celery'],
  notifications: ['celery', 'twilio'],
  fraud: ['celery', 'requests'],
  payments: ['httpx', 'stripe'],
  shipping: ['celery', 'httpx'],
  search: ['elasticsearch'],
  recommendations: ['celery', 'numpy', 'pandas'],
  reporting: ['celery', 'pandas'],
};

type DependencyRow = [from: string, to: string, kind: DependencyKind, weight: number];

// Weights: import statements, foreign keys or call sites behind the dependency.
const DEPENDENCIES: DependencyRow[] = [
  ['audit', 'core', 'import', 4],
  ['accounts', 'core', 'import', 12],
  ['accounts', 'audit', 'call', 3],
  ['media', 'core', 'import', 5],
  ['tax', 'core', 'import', 4],
  ['catalog', 'core', 'import', 18],
  ['catalog', 'media', 'data', 4], // ProductImage -> MediaAsset
  ['catalog', 'audit', 'call', 2],
  ['pricing', 'catalog', 'data', 9], // PriceRule -> Product
  ['pricing', 'core', 'import', 6],
  ['pricing', 'tax', 'call', 7],
  ['pricing', 'accounts', 'data', 3], // PriceList -> CustomerGroup
  ['inventory', 'catalog', 'data', 14], // StockItem -> ProductVariant
  ['inventory', 'core', 'import', 8],
  ['inventory', 'audit', 'call', 3],
  ['promotions', 'catalog', 'data', 8], // Promotion -> Category
  ['promotions', 'pricing', 'call', 11],
  ['promotions', 'accounts', 'data', 4], // CouponRedemption -> Customer
  ['promotions', 'core', 'import', 5],
  ['notifications', 'accounts', 'data', 5], // EmailLog -> Customer
  ['notifications', 'core', 'import', 7],
  ['fraud', 'accounts', 'data', 6], // RiskScore -> Customer
  ['fraud', 'core', 'import', 3],
  ['cart', 'catalog', 'data', 10], // CartItem -> ProductVariant
  ['cart', 'pricing', 'call', 16],
  ['cart', 'promotions', 'call', 9],
  ['cart', 'accounts', 'data', 4], // Cart -> Customer
  ['cart', 'inventory', 'call', 6],
  ['cart', 'core', 'import', 6],
  ['orders', 'catalog', 'data', 22], // OrderLine -> Product, ProductVariant
  ['orders', 'catalog', 'import', 11],
  ['orders', 'accounts', 'data', 18], // Order -> Customer, Address
  ['orders', 'accounts', 'import', 9],
  ['orders', 'inventory', 'call', 25], // reserve and release stock
  ['orders', 'pricing', 'call', 14],
  ['orders', 'promotions', 'data', 7], // Order -> Coupon
  ['orders', 'tax', 'call', 9],
  ['orders', 'notifications', 'call', 12],
  ['orders', 'audit', 'call', 8],
  ['orders', 'core', 'import', 31],
  ['orders', 'cart', 'import', 5],
  ['orders', 'payments', 'call', 19], // the cycle: capture and refund from order views and signals
  ['payments', 'orders', 'data', 12], // the cycle: Payment -> Order, Refund -> Order
  ['payments', 'orders', 'import', 7],
  ['payments', 'accounts', 'data', 6], // PaymentMethod -> Customer
  ['payments', 'fraud', 'call', 8],
  ['payments', 'notifications', 'call', 4],
  ['payments', 'audit', 'call', 5],
  ['payments', 'core', 'import', 11],
  ['shipping', 'orders', 'data', 15], // Shipment -> Order
  ['shipping', 'orders', 'import', 6],
  ['shipping', 'accounts', 'data', 7], // Shipment -> Address
  ['shipping', 'inventory', 'data', 9], // Shipment -> Warehouse
  ['shipping', 'notifications', 'call', 6],
  ['shipping', 'core', 'import', 9],
  ['checkout', 'cart', 'call', 17],
  ['checkout', 'orders', 'call', 21],
  ['checkout', 'payments', 'call', 15],
  ['checkout', 'shipping', 'call', 8],
  ['checkout', 'tax', 'call', 6],
  ['checkout', 'promotions', 'call', 5],
  ['checkout', 'pricing', 'call', 4],
  ['checkout', 'fraud', 'call', 4],
  ['checkout', 'accounts', 'import', 6],
  ['checkout', 'core', 'import', 7],
  ['returns', 'orders', 'data', 13], // ReturnLine -> OrderLine
  ['returns', 'payments', 'call', 9], // issue the refund
  ['returns', 'inventory', 'call', 6], // restock
  ['returns', 'shipping', 'call', 4], // return label
  ['returns', 'notifications', 'call', 3],
  ['returns', 'core', 'import', 4],
  ['loyalty', 'accounts', 'data', 8], // LoyaltyAccount -> Customer
  ['loyalty', 'orders', 'data', 6], // PointsTransaction -> Order
  ['loyalty', 'promotions', 'call', 3],
  ['loyalty', 'core', 'import', 3],
  ['reviews', 'catalog', 'data', 9], // Review -> Product
  ['reviews', 'catalog', 'import', 4],
  ['reviews', 'accounts', 'data', 7], // Review -> Customer
  ['reviews', 'orders', 'call', 3], // verified purchase
  ['reviews', 'media', 'data', 2], // review photos
  ['reviews', 'core', 'import', 3],
  ['wishlist', 'catalog', 'data', 5], // WishlistItem -> Product
  ['wishlist', 'accounts', 'data', 3], // Wishlist -> Customer
  ['wishlist', 'notifications', 'call', 2], // back-in-stock emails
  ['wishlist', 'core', 'import', 2],
  ['search', 'catalog', 'import', 14],
  ['search', 'pricing', 'call', 6],
  ['search', 'inventory', 'call', 4],
  ['search', 'core', 'import', 4],
  ['recommendations', 'catalog', 'data', 7], // ProductAffinity -> Product
  ['recommendations', 'orders', 'import', 9],
  ['recommendations', 'search', 'call', 5],
  ['recommendations', 'reviews', 'import', 2],
  ['recommendations', 'core', 'import', 2],
  ['customer-support', 'orders', 'data', 11], // SupportTicket -> Order
  ['customer-support', 'accounts', 'data', 9], // SupportTicket -> Customer
  ['customer-support', 'returns', 'call', 6],
  ['customer-support', 'payments', 'call', 4],
  ['customer-support', 'shipping', 'call', 3],
  ['customer-support', 'notifications', 'call', 5],
  ['customer-support', 'core', 'import', 4],
  ['reporting', 'orders', 'import', 28],
  ['reporting', 'payments', 'import', 12],
  ['reporting', 'catalog', 'import', 9],
  ['reporting', 'inventory', 'import', 8],
  ['reporting', 'accounts', 'import', 6],
  ['reporting', 'returns', 'import', 4],
  ['reporting', 'loyalty', 'import', 2],
  ['reporting', 'core', 'import', 5],
  ['admin-tools', 'catalog', 'import', 7],
  ['admin-tools', 'orders', 'import', 9],
  ['admin-tools', 'accounts', 'import', 6],
  ['admin-tools', 'inventory', 'import', 4],
  ['admin-tools', 'reporting', 'call', 5],
  ['admin-tools', 'audit', 'import', 3],
  ['admin-tools', 'customer-support', 'import', 2],
  ['admin-tools', 'core', 'import', 6],
];

/** The sample's data, as a file or a caller would give it. Frozen: take a copy with loadSampleProject(). */
export const ACME_SHOP: ProjectInput = deepFreeze({
  id: 'acme-shop',
  name: 'Acme Shop',
  description:
    'A Django e-commerce monolith (25 apps, about 110,000 lines) on its way to services. Catalog, Search, ' +
    'Reviews and Notifications are carved out; orders and payments still depend on each other.',
  author: 'Carve sample',
  monolith: {
    name: 'Acme Shop monolith',
    framework: 'django',
    pythonVersion: '3.11',
    modules: MODULES.map(([id, name, linesOfCode, tags, entities]) => ({
      id,
      name,
      path: name.replaceAll('.', '/'),
      linesOfCode,
      tags,
      entities,
      // Typed in, not imported: about one file per 150 lines, and no per-file facts.
      files: Math.max(1, Math.round(linesOfCode / 150)),
      apiSurface: 0,
      thirdParty: THIRD_PARTY[id] ?? [],
    })),
    dependencies: DEPENDENCIES.map(([from, to, kind, weight]) => ({ from, to, kind, weight, evidence: [] })),
  },
  services: [
    {
      id: 'svc-catalog',
      name: 'Catalog Service',
      description: 'Products, variants, categories and their images: the source of truth for what Acme sells.',
      moduleIds: ['catalog', 'media'],
      framework: 'django',
      runtime: 'cpython-3.12',
      datastore: 'PostgreSQL',
      apiStyle: 'rest',
      team: 'Storefront',
      notes: 'Keeps the Django admin the merchandising team uses every day; models move as they are.',
      pinnedPhaseId: null,
      effortOverride: null,
    },
    {
      id: 'svc-search',
      name: 'Search',
      description: 'Product search and facets over an Elasticsearch index that Catalog updates on every product save.',
      moduleIds: ['search'],
      framework: 'fastapi',
      runtime: 'cpython-3.13',
      datastore: 'Elasticsearch',
      apiStyle: 'rest',
      team: 'Storefront',
      notes: 'I/O-bound and async: most time is spent waiting on Elasticsearch.',
      pinnedPhaseId: null,
      effortOverride: null,
    },
    {
      id: 'svc-reviews',
      name: 'Reviews',
      description: 'Customer reviews and votes on products.',
      moduleIds: ['reviews'],
      framework: 'flask',
      runtime: 'cpython-3.12',
      datastore: 'PostgreSQL',
      apiStyle: 'rest',
      team: 'Storefront',
      notes: '',
      pinnedPhaseId: null,
      effortOverride: null,
    },
    {
      id: 'svc-notifications',
      name: 'Notifications',
      description: 'Transactional email and SMS, sent by a Celery worker from events of the other services.',
      moduleIds: ['notifications'],
      framework: 'celery',
      runtime: 'cpython-3.12',
      datastore: 'Redis',
      apiStyle: 'events',
      team: 'Platform',
      notes: 'Templates stay editable by marketing; the worker reads them through a small API.',
      pinnedPhaseId: null,
      effortOverride: 3,
    },
  ],
  links: [
    { id: 'link-search-catalog', from: 'svc-search', to: 'svc-catalog', style: 'rest', label: 'product details' },
    { id: 'link-catalog-search', from: 'svc-catalog', to: 'svc-search', style: 'rest', label: 'reindex product (sync)' },
    { id: 'link-reviews-catalog', from: 'svc-reviews', to: 'svc-catalog', style: 'rest', label: 'product lookup' },
    { id: 'link-reviews-notifications', from: 'svc-reviews', to: 'svc-notifications', style: 'events', label: 'review.published' },
  ],
  phases: [
    {
      id: 'phase-foundations',
      name: 'Foundations',
      goal: 'CI/CD per service, tracing and logs, and a routing facade in front of the monolith.',
      lengthWeeks: 4,
    },
    { id: 'phase-catalog', name: 'Phase 1', goal: '', lengthWeeks: 4 },
    { id: 'phase-edge', name: 'Phase 2', goal: '', lengthWeeks: 6 },
  ],
  planning: {
    startDate: '2027-01-04',
    defaultPhaseWeeks: 4,
    maxServicesPerPhase: null,
    teams: [
      { id: 'team-storefront', name: 'Storefront', capacityPerPhase: 22 },
      { id: 'team-platform', name: 'Platform', capacityPerPhase: 12 },
    ],
  },
  layout: {
    nodes: [
      { id: MONOLITH_NODE_ID, x: 0, y: 0 },
      { id: 'svc-catalog', x: 520, y: -240 },
      { id: 'svc-search', x: 520, y: -80 },
      { id: 'svc-reviews', x: 520, y: 80 },
      { id: 'svc-notifications', x: 520, y: 240 },
    ],
    // Shows every node in the canvas of a 1440 x 900 window with the roadmap open.
    viewport: { x: 110, y: 190, zoom: 0.7 },
  },
  scenario: { id: 'current', name: 'Current design', description: '' },
  otherScenarios: [],
});

/** Where the sample ships as a file, for `carve validate`, `carve plan` and `carve export` (from the repository root). */
export const SAMPLE_FILE_PATH = 'shared/samples/acme-shop.carve';

/** A fresh copy of the sample, parsed through ProjectSchema: the caller may change it freely. */
export function loadSampleProject(): Project {
  return ProjectSchema.parse(ACME_SHOP);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

import type { Handlers, Method, ParsedRequest, Values } from '../../shared/api/contract';

// What the desktop shell does after some API calls succeed, without touching the services: a file opened or
// saved changes the Open Recent menu, a theme set from the renderer changes nativeTheme and the menu's check.
// Pure (no electron import). An effect that throws is reported and never fails the call it follows.

export type AfterEffects = { [M in Method]?: (value: Values[M], request: ParsedRequest<M>) => void };

type AnyHandler = (request: unknown) => Promise<unknown>;

export function withAfterEffects(
  handlers: Handlers,
  effects: AfterEffects,
  onEffectError: (method: Method, error: unknown) => void = () => {},
): Handlers {
  const wrapped = { ...handlers } as Record<Method, AnyHandler>;
  for (const method of Object.keys(effects) as Method[]) {
    const handler = handlers[method] as AnyHandler;
    const effect = effects[method] as ((value: unknown, request: unknown) => void) | undefined;
    if (!effect) continue;
    wrapped[method] = async (request) => {
      const value = await handler(request);
      try {
        effect(value, request);
      } catch (error) {
        onEffectError(method, error);
      }
      return value;
    };
  }
  return wrapped as Handlers;
}

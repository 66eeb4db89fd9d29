// A component that renders again only when one of its props changed (shallow, by identity), as
// preact/compat's `memo` does, without compat's global option hooks or bundle weight. The log's
// rows use it (message-row.tsx), so a new message renders one row, not all 500; its props must
// therefore be stable between renders of the log. Tested in test/unit/client/ui/message-log-renders.test.ts.

import { Component, type ComponentType, type FunctionComponent, h } from 'preact';

/** Same keys, and each value the same by `Object.is`. */
export function shallowEqual(a: object, b: object): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key in b && Object.is(Reflect.get(a, key), Reflect.get(b, key)));
}

/** `render` wrapped so that a parent's render skips it while its props stay shallowly equal. */
export function memoComponent<P extends object>(render: FunctionComponent<P>): ComponentType<P> {
  class Memoized extends Component<P> {
    static override displayName = `Memo(${render.displayName ?? render.name})`;
    override shouldComponentUpdate(next: P): boolean {
      return !shallowEqual(this.props, next);
    }
    override render(props: P) {
      return h(render, props);
    }
  }
  return Memoized;
}

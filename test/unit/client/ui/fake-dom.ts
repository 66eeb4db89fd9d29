// Just enough of a DOM for Preact to render into and diff again in Node (the unit tests have no
// browser): elements, text nodes, attributes and a document. Events, layout and selectors are
// inert. message-log-renders.test.ts uses it to count how many rows a change renders.

class FakeNode {
  parentNode: FakeElement | null = null;
  readonly childNodes: FakeNode[] = [];

  get firstChild(): FakeNode | null {
    return this.childNodes[0] ?? null;
  }

  get nextSibling(): FakeNode | null {
    const siblings = this.parentNode?.childNodes;
    return siblings?.[siblings.indexOf(this) + 1] ?? null;
  }

  get textContent(): string {
    return this.childNodes.map((node) => node.textContent).join('');
  }
}

class FakeText extends FakeNode {
  readonly nodeType = 3;
  constructor(public data: string) {
    super();
  }

  override get textContent(): string {
    return this.data;
  }
}

export class FakeElement extends FakeNode {
  readonly nodeType = 1;
  readonly attributes = new Map<string, string>();
  readonly style = { cssText: '', setProperty() {} };
  scrollTop = 0;
  scrollHeight = 0;
  clientHeight = 0;

  constructor(
    readonly localName: string,
    readonly namespaceURI = 'http://www.w3.org/1999/xhtml',
  ) {
    super();
  }

  insertBefore(node: FakeNode, before: FakeNode | null): FakeNode {
    node.parentNode?.removeChild(node);
    const at = before ? this.childNodes.indexOf(before) : -1;
    if (at < 0) this.childNodes.push(node);
    else this.childNodes.splice(at, 0, node);
    node.parentNode = this;
    return node;
  }

  appendChild(node: FakeNode): FakeNode {
    return this.insertBefore(node, null);
  }

  removeChild(node: FakeNode): FakeNode {
    const at = this.childNodes.indexOf(node);
    if (at >= 0) this.childNodes.splice(at, 1);
    node.parentNode = null;
    return node;
  }

  setAttribute(name: string, value: unknown): void {
    this.attributes.set(name, String(value));
  }

  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  hasAttribute(name: string): boolean {
    return this.attributes.has(name);
  }

  addEventListener(): void {}
  removeEventListener(): void {}

  querySelectorAll(): FakeElement[] {
    return [];
  }

  querySelector(): FakeElement | null {
    return null;
  }

  /** The element children (what `children` is in a browser). */
  get children(): FakeElement[] {
    return this.childNodes.filter((node) => node instanceof FakeElement);
  }
}

/** Installs a fake `document` on globalThis; the returned function removes it. */
export function installFakeDom(): () => void {
  const fake = {
    createElementNS: (namespace: string, name: string) => new FakeElement(name, namespace),
    createElement: (name: string) => new FakeElement(name),
    createTextNode: (data: string) => new FakeText(data),
  };
  Object.defineProperty(globalThis, 'document', { value: fake, configurable: true, writable: true });
  return () => Reflect.deleteProperty(globalThis, 'document');
}

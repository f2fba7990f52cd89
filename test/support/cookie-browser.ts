/** A user agent for OpenID flows in tests and benchmarks: a cookie jar (name and path) and redirects followed by hand. */
export class CookieBrowser {
  readonly jar = new Map<string, { name: string; value: string; path: string }>();

  cookieHeader(url: URL) {
    return [...this.jar.values()]
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  cookie(name: string) {
    return [...this.jar.values()].find((c) => c.name === name)?.value;
  }

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const attr = (n: string) => attrs.find((a) => a.toLowerCase().startsWith(`${n}=`))?.slice(n.length + 1);
      const p = attr('path') ?? '/';
      const expires = attr('expires');
      const gone = !value || attr('max-age') === '0' || (expires !== undefined && new Date(expires).getTime() < Date.now());
      if (gone) this.jar.delete(`${name}|${p}`);
      else this.jar.set(`${name}|${p}`, { name, value, path: p });
    }
  }

  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const u = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(u);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(u, { ...init, headers, redirect: 'manual' });
    this.store(res);
    return res;
  }

  /** GETs and follows redirects on the platform's origin; stops at another origin or at a page (2xx). */
  async follow(start: string | URL, origin: string): Promise<{ url: URL; res: Response | null; hops: URL[] }> {
    let url = new URL(start);
    const hops: URL[] = [url];
    for (let i = 0; i < 20; i++) {
      if (url.origin !== origin) return { url, res: null, hops };
      const res = await this.fetch(url);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url, res, hops };
      await res.arrayBuffer();
      url = new URL(location, url);
      hops.push(url);
    }
    throw new Error(`too many redirects from ${String(start)}`);
  }
}

/** The part of autocannon 8's API the HTTP benchmarks use (the package ships no types). */
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Returns the request to send, or a falsy value to start again at the first request. */
      setupRequest?(request: Request, context: Record<string, unknown>): Request | null | undefined;
      onResponse?(status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>): void;
    }
    interface Client extends EventEmitter {}
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      /** Seconds before a request counts as failed (10 by default). */
      timeout?: number;
      overallRate?: number;
      requests?: Request[];
      setupClient?(client: Client): void;
    }
    interface Result {
      requests: { total: number; average: number };
      errors: number;
      non2xx: number;
    }
    interface Instance extends EventEmitter, PromiseLike<Result> {}
  }
  function autocannon(options: autocannon.Options): autocannon.Instance;
  export default autocannon;
}

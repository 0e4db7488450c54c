import { metrics } from "@/lib/metrics";

/**
 * Times a route handler by its route pattern (never the concrete URL, which would make one series
 * per image id). Pages are not covered: Next.js has no per-route hook for them here; server
 * actions are timed in runAction.
 */
export function withRouteMetrics<R extends Request, A extends unknown[]>(route: string, handler: (request: R, ...rest: A) => Promise<Response>) {
  return async (request: R, ...rest: A): Promise<Response> => {
    const stop = metrics.requestSeconds.startTimer({ route, method: request.method });
    try {
      const response = await handler(request, ...rest);
      stop({ status: String(response.status) });
      return response;
    } catch (error) {
      stop({ status: "500" });
      throw error;
    }
  };
}

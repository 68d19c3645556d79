/**
 * Admission control for /graphql: at most `concurrency` requests execute at once, the others wait in a
 * first-come queue. The reuse questions are CPU-bound in the database, so running more of them at once on
 * the same cores only makes every one slower until all pass the transaction timeout (measured: 32 clients
 * on 2 cores, 41 of 72 requests failed). Waiting turns overload into latency; a full queue or a wait past
 * `maxWaitMs` is refused at once with 503 and Retry-After, which a client can act on.
 */
import type { RequestHandler, Response } from 'express';
import type { ApiAdmission } from './config.ts';
import { ErrorCode, errorBody } from './errors.ts';

const refusal = (message: string) => errorBody(ErrorCode.SERVICE_UNAVAILABLE, message);

export interface AdmissionHooks {
  /**
   * Called when the client went away before its answer; resolves once the request's work has really
   * ended (api/plugins/request-lifecycle.ts terminates its transactions). Its slot is held until then, so
   * abandoned requests cannot pile up in the database.
   */
  abandoned?(res: Response): Promise<void>;
}

export function admission(limits: ApiAdmission, hooks: AdmissionHooks = {}): RequestHandler {
  let running = 0;
  const queue: { admit: () => void; timer: NodeJS.Timeout }[] = [];
  const retryAfter = String(Math.max(1, Math.ceil(limits.maxWaitMs / 1000 / 4)));

  const release = () => {
    const next = queue.shift();
    if (next) {
      clearTimeout(next.timer);
      next.admit();
    } else {
      running--;
    }
  };

  return (req, res, next) => {
    // Preflights carry no query.
    if (req.method === 'OPTIONS') return next();
    let released = false;
    const admit = () => {
      // 'close' follows 'finish', and also comes alone when the client goes away: one release either way.
      res.once('close', () => {
        if (released) return;
        released = true;
        if (res.writableFinished || !hooks.abandoned) return release();
        void hooks.abandoned(res).finally(release);
      });
      next();
    };
    if (running < limits.concurrency) {
      running++;
      return admit();
    }
    if (queue.length >= limits.maxQueue) {
      res
        .status(503)
        .set('Retry-After', retryAfter)
        .json(refusal(`The server is busy: ${limits.concurrency} requests running and ${queue.length} waiting. Retry shortly.`));
      return;
    }
    const entry = {
      // The slot passes straight from the finishing request to this one: `running` stays the same.
      admit,
      timer: setTimeout(() => {
        queue.splice(queue.indexOf(entry), 1);
        res
          .status(503)
          .set('Retry-After', retryAfter)
          .json(
            refusal(`The server is busy: waited ${limits.maxWaitMs} ms for one of ${limits.concurrency} slots. Retry shortly.`),
          );
      }, limits.maxWaitMs),
    };
    queue.push(entry);
    // A client that gives up while waiting leaves the queue.
    res.once('close', () => {
      const at = queue.indexOf(entry);
      if (at >= 0) {
        clearTimeout(entry.timer);
        queue.splice(at, 1);
      }
    });
  };
}

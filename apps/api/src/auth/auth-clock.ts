import { Injectable } from '@nestjs/common';

/**
 * "Now" for token expiry, lock-outs and session times. One instance per
 * application, so a test can move time (`app.get(AuthClock).now = () => …`).
 */
@Injectable()
export class AuthClock {
  now(): Date {
    return new Date();
  }
}

/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps every message it
 * accepts, so integration tests can assert on what our outbound path really put on the wire.
 * It can be told to answer with a 4xx/5xx to exercise retries and permanent failures.
 */
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export type SmtpStage = 'mail' | 'rcpt' | 'data';

export interface SmtpFailure {
  /** SMTP reply code, e.g. 451 (retry later) or 550 (permanent). */
  code: number;
  text: string;
  /** Which command gets the error; `data` (after the message was sent) by default. */
  stage?: SmtpStage;
  /** Fail only this many times, then accept again (unset: until `setResponse` changes it). */
  times?: number;
}

export interface SinkEnvelope {
  mailFrom: string | null;
  rcptTo: string[];
}

export interface SinkMessage {
  envelope: SinkEnvelope;
  raw: Buffer;
  parsed: ParsedMail;
  /** The username the client authenticated with, when it did. */
  authUser?: string;
  receivedAt: Date;
}

export interface SmtpSink {
  host: '127.0.0.1';
  port: number;
  messages: SinkMessage[];
  /** Every rejected attempt, to assert that a retry happened. */
  rejections: Array<{ stage: SmtpStage; code: number; text: string }>;
  waitForMessage(predicate?: (m: SinkMessage) => boolean, timeoutMs?: number): Promise<SinkMessage>;
  /** Answer with this code from now on; a 2xx code (or `null`) goes back to accepting. */
  setResponse(code: number | null, text?: string, stage?: SmtpStage, times?: number): void;
  stop(): Promise<void>;
}

export interface StartSmtpSinkOptions {
  failWith?: SmtpFailure;
  /** When set, AUTH is offered and only these credentials pass; AUTH stays optional. */
  auth?: { user: string; pass: string };
  port?: number;
}

class SmtpReplyError extends Error {
  readonly responseCode: number;
  constructor(code: number, text: string) {
    super(text);
    this.responseCode = code;
  }
}

function addressOf(a: SMTPServerAddress | false): string | null {
  return a === false ? null : a.address;
}

export async function startSmtpSink(options: StartSmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const rejections: SmtpSink['rejections'] = [];
  const waiters: Array<{ predicate: (m: SinkMessage) => boolean; resolve: (m: SinkMessage) => void }> = [];
  let failure: SmtpFailure | null = options.failWith ?? null;

  /** The error for this stage, if a failure is configured for it (and still has uses left). */
  const failureFor = (stage: SmtpStage): SmtpReplyError | null => {
    if (failure === null || (failure.stage ?? 'data') !== stage) return null;
    const error = new SmtpReplyError(failure.code, failure.text);
    rejections.push({ stage, code: failure.code, text: failure.text });
    if (failure.times !== undefined) {
      failure = failure.times <= 1 ? null : { ...failure, times: failure.times - 1 };
    }
    return error;
  };

  const server = new SMTPServer({
    secure: false,
    // No TLS in tests: the client talks plain SMTP to 127.0.0.1.
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    size: 50 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      const expected = options.auth;
      if (expected && auth.username === expected.user && auth.password === expected.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(new SmtpReplyError(535, 'Authentication failed'));
      }
    },
    onMailFrom(_address, _session, callback) {
      callback(failureFor('mail'));
    },
    onRcptTo(_address, _session, callback) {
      callback(failureFor('rcpt'));
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        const error = failureFor('data');
        if (error) {
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks);
        const envelope: SinkEnvelope = {
          mailFrom: addressOf(session.envelope.mailFrom),
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        };
        simpleParser(raw)
          .then((parsed) => {
            const message: SinkMessage = {
              envelope,
              raw,
              parsed,
              authUser: typeof session.user === 'string' ? session.user : undefined,
              receivedAt: new Date(),
            };
            messages.push(message);
            for (const waiter of [...waiters]) {
              if (waiter.predicate(message)) {
                waiters.splice(waiters.indexOf(waiter), 1);
                waiter.resolve(message);
              }
            }
            callback(null, 'Queued');
          })
          .catch((e: unknown) => callback(e instanceof Error ? e : new Error(String(e))));
      });
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.on('error', reject);
    const net = server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = net.address();
      if (address === null || typeof address === 'string') reject(new Error('smtp sink has no port'));
      else resolve(address.port);
    });
  });

  return {
    host: '127.0.0.1',
    port,
    messages,
    rejections,
    waitForMessage(predicate = () => true, timeoutMs = 10_000) {
      const existing = messages.find(predicate);
      if (existing) return Promise.resolve(existing);
      return new Promise<SinkMessage>((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (m: SinkMessage) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching message within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    setResponse(code, text = '', stage = 'data', times) {
      failure = code === null || (code >= 200 && code < 300) ? null : { code, text, stage, times };
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

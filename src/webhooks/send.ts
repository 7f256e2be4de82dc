import { messageId, signatureHeaders } from './signature.js';

/** What a receiver made of one attempt: a 2xx, another status, or no answer at all. */
export interface SendResult {
  delivered: boolean;
  status: number | null;
  error: string | null;
}

export interface SendRequest {
  deliveryId: number;
  url: string;
  secret: string;
  payload: string;
  at: Date;
  timeoutMs: number;
}

/** POSTs one signed delivery. Never throws for the receiver's sake: every failure is a result. */
export async function sendDelivery(request: SendRequest): Promise<SendResult> {
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Folio-Webhooks',
    ...signatureHeaders(request.secret, messageId(request.deliveryId), request.payload, request.at),
  };
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers,
      body: request.payload,
      // A redirect is not followed: the signed request was meant for this address.
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    // The answer's body says nothing we keep; dropping it frees the connection.
    await response.body?.cancel().catch(() => {});
    if (response.status >= 200 && response.status < 300) return { delivered: true, status: response.status, error: null };
    return { delivered: false, status: response.status, error: `The receiver answered HTTP ${response.status}; it must answer 2xx` };
  } catch (error) {
    return { delivered: false, status: null, error: failureText(error, request.timeoutMs) };
  }
}

function failureText(error: unknown, timeoutMs: number): string {
  const { name, cause, message } = error as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (name === 'TimeoutError') return `No answer within ${timeoutMs / 1000} s`;
  return `Could not reach the receiver: ${cause?.code ?? cause?.message ?? message ?? String(error)}`;
}

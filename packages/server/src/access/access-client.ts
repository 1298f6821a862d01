// The client side of the exchange, for clients that are not the app's page (scripts, tests,
// benchmarks): the printed address's secret traded for the credential, sent as a bearer header.
export async function exchangeSecret(printedAddress: string): Promise<string> {
  const address = new URL(printedAddress);
  const response = await fetch(`${address.origin}/api/access`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: address.searchParams.get('token') }),
  });
  if (!response.ok) throw new Error(`${address.origin} refused the secret: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { credential: string }).credential;
}

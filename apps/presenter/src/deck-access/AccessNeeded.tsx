// Shown instead of a dead terminal when the browser has no access: how to get in.
export function AccessNeeded() {
  return (
    <main className="notice" role="alert">
      <h1>This Deckhand needs its access link</h1>
      <p>
        Deckhand gives each browser a live shell, so it only opens for the address it printed when it started, the
        one that ends in <code>?token=…</code>.
      </p>
      <p>
        Look in the terminal where you ran <code>npm start</code> or <code>deckhand serve</code> for the line{' '}
        <code>Deckhand is running at http://…/?token=…</code> and open that address.
      </p>
    </main>
  );
}

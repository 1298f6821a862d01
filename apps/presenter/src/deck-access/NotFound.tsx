// An address that names no deck of this server: say so, and offer the decks there are.
export function NotFound({ message }: { message: string }) {
  return (
    <main className="notice" role="alert">
      <h1>Deck not found</h1>
      <p>{message}</p>
      <p>
        The address may be from another course folder, or the deck file was renamed. <a href="#/">See the decks this server has</a>.
      </p>
    </main>
  );
}

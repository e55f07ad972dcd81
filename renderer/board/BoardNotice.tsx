/** Full-screen text for the moments the board has nothing to show yet (or may not show anything). */
export function BoardNotice({ title, text, alert = false }: { title: string; text: string | null; alert?: boolean }) {
  return (
    <main className="board-notice">
      <div role={alert ? 'alert' : 'status'} className="board-notice-box">
        <h1 className="board-notice-title">{title}</h1>
        {text && <p className="board-notice-text">{text}</p>}
      </div>
    </main>
  );
}

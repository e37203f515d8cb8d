import type { ReactNode } from 'react';

/** A full-screen notice: loading, or an error with a way to try again. */
export function CenteredMessage({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="centered" role="status">
      <p>{children}</p>
      {action}
    </div>
  );
}

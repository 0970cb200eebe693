import { useCallback } from 'react';

/**
 * A ref callback that moves focus to a screen's heading when the screen mounts, so keyboard and
 * screen-reader users land on the new screen rather than on <body>. A ref callback (not an effect in the
 * shell) because lazily loaded screens mount after the navigation that showed them. Focus is moved only
 * when it would otherwise be lost (on <body> or on an element that left the page), never taken from a
 * control the user is on.
 */
export function useFocusHeading<T extends HTMLElement>(): (element: T | null) => void {
  return useCallback((element: T | null) => {
    if (element === null) return;
    const active = element.ownerDocument.activeElement;
    if (active === null || active === element.ownerDocument.body || !active.isConnected) element.focus();
  }, []);
}

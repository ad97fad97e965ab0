/** User names shared by the Dockerfile and compose rules. */

/**
 * Whether a user value names root: `root`, `0` (or `00`...), also as the user part of
 * `user:group`; a root group alone does not make the user root.
 */
export function isRootUser(value: string): boolean {
  const user = value.trim().split(":")[0].trim();
  return user === "root" || /^0+$/.test(user);
}

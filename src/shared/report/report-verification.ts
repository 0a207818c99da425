/**
 * How anyone checks a copy of a report against its digest, with standard tools: `jq` rewrites the JSON in canonical
 * form (keys sorted, no whitespace, no trailing newline with `-j`) without the digest, and `sha256sum` hashes it.
 * The result is the report's `digest`. Works on the pretty JSON export and on canonical JSON alike.
 */
export const DIGEST_RECIPE = "jq -jcS 'del(.digest)' report.json | sha256sum";

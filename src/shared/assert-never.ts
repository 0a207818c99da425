/** Ends an exhaustive `switch` over a closed union: TypeScript proves it unreachable; at run time it throws. */
export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};

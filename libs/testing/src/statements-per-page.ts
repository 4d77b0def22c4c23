/**
 * What a listing costs in SQL for a page of 5 and a page of 50 (`statements` is filled by the
 * client's onStatement hook): equal counts show it does not run a query per row.
 */
export async function statementsPerPage<P>(statements: string[], list: (limit: number) => Promise<P>): Promise<{ small: { page: P; count: number }; large: { page: P; count: number } }> {
  const measure = async (limit: number) => {
    statements.length = 0;
    const page = await list(limit);
    return { page, count: statements.length };
  };
  const small = await measure(5);
  const large = await measure(50);
  return { small, large };
}

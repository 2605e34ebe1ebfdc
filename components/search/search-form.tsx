/** A plain search form (GET /search): works without JavaScript and ships none. */
export function SearchForm(props: {
  query?: string;
  categories?: { slug: string; title: string }[];
  category?: string;
  compact?: boolean;
}) {
  const id = props.compact ? "site-search" : "search-query";
  return (
    <form role="search" action="/search" method="get" className={props.compact ? "search-form compact" : "search-form"}>
      <label htmlFor={id} className={props.compact ? "visually-hidden" : undefined}>
        Search articles
      </label>
      <input
        id={id}
        type="search"
        name="q"
        defaultValue={props.query}
        maxLength={100}
        placeholder={props.compact ? "Search articles" : undefined}
      />
      {props.categories ? (
        <>
          <label htmlFor="search-category">Topic</label>
          <select id="search-category" name="category" defaultValue={props.category ?? ""}>
            <option value="">All topics</option>
            {props.categories.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.title}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <button type="submit" className={props.compact ? "search-button" : "button"}>
        Search
      </button>
    </form>
  );
}

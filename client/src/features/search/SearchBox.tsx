/** The header's search box: Enter opens /search with the words, where the results and filters live. */
import { useEffect, useId, useState } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import "./search.css";

export function SearchBox() {
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const onSearchPage = location.pathname === "/search";
  const [q, setQ] = useState(onSearchPage ? (params.get("q") ?? "") : "");
  const id = useId();
  // Follow the results page's own box and the browser's back button.
  useEffect(() => {
    if (onSearchPage) setQ(params.get("q") ?? "");
  }, [onSearchPage, params]);

  return (
    // biome-ignore lint/a11y/useSemanticElements: role=search on the form keeps its form semantics; <search> is not yet announced everywhere
    <form
      className="header-search"
      role="search"
      aria-label="Search Trellis"
      onSubmit={(e) => {
        e.preventDefault();
        const words = q.trim();
        if (!words) return;
        const next = new URLSearchParams(onSearchPage ? params : undefined);
        next.set("q", words);
        navigate(`/search?${next}`);
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Search plans, blocks and comments
      </label>
      <input id={id} type="search" name="q" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search" autoComplete="off" maxLength={200} />
      <button type="submit" className="button button-quiet">
        Search
      </button>
    </form>
  );
}

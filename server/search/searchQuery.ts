/**
 * Full-text search over documents (titles), structured blocks (text and fields) and comment
 * threads, with English stemming ("phonics" finds "Phonic"). It reads the generated `search`
 * tsvector columns of migration 0007, which PostgreSQL keeps current on every write of the
 * extractor, the comment routes and document creation, so nothing here maintains an index.
 * The caller passes the schools the policy module lets the person read; every branch filters by
 * them before ranking, so no hit from another school is ever ranked, let alone returned.
 */
import { sql, type SQL } from "drizzle-orm";
import type { BlockType } from "../../shared/blocks/schema.js";
import type { DocumentKind } from "../../shared/enums.js";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/rows.js";
import { HIT_END, HIT_START, type SearchHit } from "../../shared/search/hits.js";

/** What to search and where: `schools` comes from the policy module (readableSchools). */
export interface SearchParams {
  q: string;
  schools: "all" | readonly string[];
  kind?: DocumentKind;
  limit: number;
}

/** The words of each block table the index covers: its text, then the fields the migration weighs B. */
const BLOCK_BODIES: Record<BlockType, { table: string; body: string }> = {
  priority: { table: "priorities", body: `b.text` },
  target: { table: "targets", body: `concat_ws(' · ', nullif(b.text, ''), nullif(b.measure, ''), nullif(b.baseline, ''), nullif(b.goal, ''), nullif(b.current, ''))` },
  action: { table: "actions", body: `concat_ws(' · ', nullif(b.text, ''), nullif(b.success_criteria, ''), nullif(b.cost, ''))` },
  judgement: { table: "judgements", body: `b.text` },
  finding: { table: "findings", body: `b.text` },
};

// ts_headline options: private-use characters mark the hits, so the client renders <mark> without parsing HTML.
const HEADLINE = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

interface Row {
  type: SearchHit["type"];
  block_type: BlockType | null;
  document_id: string;
  ref_id: string | null;
  body: string;
  rank: number;
  resolved: boolean | null;
  title: string;
  kind: string;
  school_id: string;
  school_name: string;
  snippet: string;
  truncated: boolean;
}

/** What search() found: the best `limit` hits, and whether some kind of hit had more matches than were ranked. */
export interface SearchResult {
  hits: SearchHit[];
  truncated: boolean;
}

/** Finds up to `limit` hits, best first; nothing for words that are all stop words. */
export async function search(db: Db, params: SearchParams): Promise<SearchResult> {
  const rows = rowsOf<Row>(await db.execute(searchSql(params)));
  return { hits: rows.map(present), truncated: rows.some((r) => r.truncated) };
}

/**
 * Matches ranked per kind of hit: a word in nearly every action would otherwise rank 30,000 rows
 * for 20 shown. Past the cap the response says `truncated`, and the person narrows the search.
 */
export const RANKED_PER_KIND = 200;

/** The one statement behind search(), exported so the bench can EXPLAIN it. */
export function searchSql(params: SearchParams): SQL {
  const schoolFilter = (column: string): SQL =>
    params.schools === "all" ? sql`true` : sql`${sql.raw(column)} = any(${toUuidArray(params.schools)})`;
  // Only a kind filter needs the block's document; without one, each branch reads its own table alone.
  const byKind = (documentColumn: string): SQL =>
    params.kind ? sql`exists (select 1 from documents kd where kd.id = ${sql.raw(documentColumn)} and kd.kind = ${params.kind})` : sql`true`;
  const cap = RANKED_PER_KIND;
  // Each branch filters by school and kind and stops at the cap before anything is ranked.
  const blockBranches = (Object.entries(BLOCK_BODIES) as [BlockType, (typeof BLOCK_BODIES)[BlockType]][]).map(
    ([type, { table, body }]) => sql`
      select 'block' as type, ${type}::text as block_type, b.document_id, b.block_id as ref_id, ${sql.raw(body)} as body,
        ts_rank(b.search, q.query) as rank, null::boolean as resolved, b.updated_at as at
      from (select b.* from ${sql.raw(table)} b, q
        where b.deleted_at is null and b.search @@ q.query and ${schoolFilter("b.school_id")} and ${byKind("b.document_id")} limit ${cap}) b, q`,
  );
  return sql`
    with q as (select websearch_to_tsquery('english', ${params.q}) as query),
    hits as (
      select 'document' as type, null::text as block_type, d.id as document_id, null::text as ref_id, d.title as body,
        ts_rank(d.search, q.query) * 2 as rank, null::boolean as resolved, d.updated_at as at
      from (select d.* from documents d, q
        where d.search @@ q.query and ${schoolFilter("d.school_id")} and ${byKind("d.id")} limit ${cap}) d, q
      union all ${sql.join(blockBranches, sql` union all `)}
      union all
      select * from (select distinct on (m.thread_id) 'thread', null::text, m.document_id, m.thread_id::text, m.body, ts_rank(m.search, q.query), m.resolved, m.at
      from (
        (select c.thread_id, t.document_id, c.body, c.search, c.created_at as at, t.resolved_at is not null as resolved
          from comments c join comment_threads t on t.id = c.thread_id join documents d on d.id = t.document_id, q
          where c.deleted_at is null and c.search @@ q.query and ${schoolFilter("d.school_id")} and ${byKind("d.id")} limit ${cap})
        union all
        (select t.id, t.document_id, t.quote, t.search, t.created_at, t.resolved_at is not null
          from comment_threads t join documents d on d.id = t.document_id, q
          where t.search @@ q.query and ${schoolFilter("d.school_id")} and ${byKind("d.id")} limit ${cap})
      ) m, q
      order by m.thread_id, ts_rank(m.search, q.query) desc) threads
    ),
    top as (select * from hits order by rank desc, at desc limit ${params.limit})
    select top.type, top.block_type, top.document_id, top.ref_id, top.rank, top.resolved,
      d.title, d.kind, d.school_id, s.name as school_name,
      ts_headline('english', top.body, q.query, ${HEADLINE}) as snippet,
      (select coalesce(max(n), 0) from (select count(*) as n from hits group by type, block_type) k) >= ${cap} as truncated
    from top join documents d on d.id = top.document_id join schools s on s.id = d.school_id, q
    order by top.rank desc, top.at desc`;
}

function toUuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}

function present(r: Row): SearchHit {
  const base = {
    documentId: r.document_id,
    documentTitle: r.title,
    documentKind: r.kind,
    schoolId: r.school_id,
    schoolName: r.school_name,
    snippet: r.snippet,
  };
  if (r.type === "block") {
    return { ...base, type: "block", blockType: r.block_type!, blockId: r.ref_id, href: r.ref_id ? `/documents/${r.document_id}#block-${r.ref_id}` : `/documents/${r.document_id}` };
  }
  if (r.type === "thread") {
    return { ...base, type: "thread", threadId: r.ref_id!, resolved: !!r.resolved, href: `/documents/${r.document_id}#thread-${r.ref_id}` };
  }
  return { ...base, type: "document", href: `/documents/${r.document_id}` };
}

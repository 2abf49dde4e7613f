/**
 * Keeps y-tiptap's Y-type-to-ProseMirror-node cache across remote changes.
 *
 * Since @tiptap/y-tiptap 3.0.6 the binding clears that whole cache on every remote change (for
 * drag-handle selection restores we do not use) and so rebuilds every node of the document: with
 * a 1,000-block plan each keystroke from a colleague re-created a thousand nodes and re-rendered a
 * thousand React node views (about 30 ms). The binding already drops the entries of every type a
 * change touched, its ancestors and anything deleted, which is all a rebuild needs; so `clear()`
 * becomes a no-op, as it was before 3.0.6. This editor never renders version snapshots, the one
 * other caller that relies on clearing.
 */
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";

/** A Map whose clear() keeps its entries; everything else is a plain Map. */
export class RetainedMapping<K, V> extends Map<K, V> {
  override clear(): void {}
}

/** y-prosemirror's sync plugin key name ("y-sync" plus ProseMirror's "$" suffix). */
const Y_SYNC_KEY = "y-sync$";

export const KeepYjsMapping = Extension.create({
  name: "keepYjsMapping",
  addProseMirrorPlugins: () => [
    new Plugin({
      key: new PluginKey("keepYjsMapping"),
      view(view) {
        const sync = view.state.plugins.find((p) => (p as unknown as { key: string }).key === Y_SYNC_KEY);
        const binding = sync?.getState(view.state)?.binding as { mapping?: Map<unknown, unknown> } | undefined;
        // Without the binding (a future y-tiptap reshaped it) the stock behaviour stays: slower, still correct.
        if (binding?.mapping instanceof Map && !(binding.mapping instanceof RetainedMapping)) {
          binding.mapping = new RetainedMapping(binding.mapping);
        }
        return {};
      },
    }),
  ],
});

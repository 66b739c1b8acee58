# Sourced by the benchmark scripts that compare newsidx with tantivy-cli 0.24.0: installs it
# into $TOOLS once (from crates.io), sets $tantivy to its binary, and defines tantivy_meta,
# the meta.json of a tantivy-cli index with newsidx's text fields (positions, stored) and a
# stored, indexed date, for the JSON Lines that examples/export_jsonl.rs writes.
# TOOLS defaults as in the scripts that source this one: unset (this file sourced by hand),
# cargo install would take "" for its root and write into the current folder.
TOOLS=${TOOLS:-$HOME/.cache/newsidx-tools}
tantivy="$TOOLS/bin/tantivy"
if [ ! -x "$tantivy" ]; then
  echo "installing tantivy-cli 0.24.0 into $TOOLS (once)" >&2
  cargo install --quiet tantivy-cli --version 0.24.0 --root "$TOOLS"
fi

tantivy_meta() {
  cat <<'JSON'
{"index_settings":{"docstore_compression":"lz4","docstore_blocksize":16384},"segments":[],
 "schema":[
  {"name":"id","type":"text","options":{"indexing":{"record":"basic","fieldnorms":false,"tokenizer":"raw"},"stored":true,"fast":false}},
  {"name":"title","type":"text","options":{"indexing":{"record":"position","fieldnorms":true,"tokenizer":"en_stem"},"stored":true,"fast":false}},
  {"name":"dateline","type":"text","options":{"indexing":{"record":"freq","fieldnorms":true,"tokenizer":"en_stem"},"stored":true,"fast":false}},
  {"name":"body","type":"text","options":{"indexing":{"record":"position","fieldnorms":true,"tokenizer":"en_stem"},"stored":true,"fast":false}},
  {"name":"date","type":"date","options":{"indexed":true,"fieldnorms":false,"fast":true,"stored":true,"precision":"seconds"}}
 ],
 "opstamp":0}
JSON
}

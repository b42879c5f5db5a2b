#!/usr/bin/env bash
# Builds the seed corpora in Fuzz/.seeds/<target>/ (ignored by git) from what the repository
# already holds: the rule pack, the annotated corpus and the test fixtures, so the seeds follow
# them and nothing is stored twice. scripts/fuzz.sh runs it before every run; the hand-written
# seeds in Fuzz/Corpus/<target>/ are used beside these.
set -euo pipefail
cd "$(dirname "$0")/.."
out=Fuzz/.seeds
rm -rf "$out"
mkdir -p "$out"/{rules,text,markdown,html,office,delimited,json,linter,normalizer,subjects,config,xml,args}

# Rule files: every rule of the pack, renamed to the harness's `fz/rule.yaml` id.
for file in $(find Rules -mindepth 2 -name '*.yaml' -not -path 'Rules/lexicons/*' | sort); do
  name=$(echo "${file#Rules/}" | tr '/' '-')
  sed 's/^id: .*/id: fz.rule/' "$file" > "$out/rules/$name"
done

# Extractors: the corpus files of each format.
copy() { # ext target
  for file in $(find Corpus Tests/Fixtures -name "*.$1" | sort); do
    cp "$file" "$out/$2/$(echo "$file" | tr '/' '-')"
  done
}
copy txt text
copy md markdown
copy html html
copy json json
# A first byte picks the format for the targets that read several.
tagged() { # ext target tag
  for file in $(find Corpus Tests/Fixtures -name "*.$1" | sort); do
    { printf "$3"; cat "$file"; } > "$out/$2/$(echo "$file" | tr '/' '-')"
  done
}
tagged docx office '\x00'
tagged pptx office '\x01'
tagged xlsx office '\x02'
tagged csv delimited '\x00'
tagged tsv delimited '\x01'

# Linter: the first byte picks the format (0 text, 1 Markdown, 2 HTML, 3 CSV, 4 JSON).
for file in $(find Corpus -name '*.txt' -o -name '*.md' -o -name '*.html' -o -name '*.csv' -o -name '*.json' | sort); do
  case "$file" in *.txt) tag='\x00' ;; *.md) tag='\x01' ;; *.html) tag='\x02' ;; *.csv) tag='\x03' ;; *) tag='\x04' ;; esac
  { printf "$tag"; cat "$file"; } > "$out/linter/$(echo "$file" | tr '/' '-')"
done
# Subjects: the corpus's plain-text copy as raw bytes (the fuzzer breaks their UTF-8).
for file in $(find Corpus -name '*.txt' | sort); do
  cp "$file" "$out/subjects/$(echo "$file" | tr '/' '-')"
done
# Office XML parts: each Word document's document.xml, stored as is (tag 0), as UTF-16LE with
# a byte-order mark (tag 1) and UTF-16BE (tag 2); the harness transcodes, the fuzzer mutates.
for file in $(find Corpus Tests/Fixtures -name '*.docx' | sort); do
  part=$(mktemp)
  if unzip -p "$file" word/document.xml > "$part" 2>/dev/null && [ -s "$part" ]; then
    for tag in 0 1 2; do
      { printf "\\x0$tag"; cat "$part"; } > "$out/xml/$(echo "$file" | tr '/' '-')-$tag.xml"
    done
  fi
  rm -f "$part"
done
# Argument lists (fuzz-args): the hand-written seeds in Fuzz/Corpus/args/, NUL between arguments.
# Configs: the test suites' .adlaw.yml texts are inline; the hand-written seeds in
# Fuzz/Corpus/config/ (the documented example, aliases) are the corpus.
echo "seeds: $(find "$out" -type f | wc -l) files in $out"

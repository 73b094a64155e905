// Checks every ```mermaid block of the given Markdown files with Mermaid's own grammar (the
// parsers bundled by the PyPI package mermaid-syntax-parser), and proves it rejects a broken
// diagram. Usage: node .ci/mermaid-check.js PARSER.cjs FILE.md…
const fs = require('fs');
const [parserPath, ...files] = process.argv.slice(2);
const { ValidateMermaid } = require(parserPath);

const broken = 'flowchart LR\n  a["A"] --> \n  subgraph s["unterminated"]\n';
if (ValidateMermaid(broken)) {
  console.error('mermaid-check: the negative control was accepted; the parser is not checking');
  process.exit(2);
}
if (!ValidateMermaid('flowchart LR\n  a["A"] -->|"x"| b(("B"))\n')) {
  console.error('mermaid-check: the positive control was rejected');
  process.exit(2);
}
let blocks = 0, failed = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const pattern = /```mermaid\n([\s\S]*?)```/g;
  let match;
  while ((match = pattern.exec(text)) !== null) {
    blocks += 1;
    if (!ValidateMermaid(match[1])) {
      failed += 1;
      const line = text.slice(0, match.index).split('\n').length;
      console.error(`${file}:${line}: error: Mermaid diagram does not parse`);
    }
  }
}
console.log(`mermaid-check: ${blocks - failed} passed, ${failed} failed (negative control rejected)`);
process.exit(failed === 0 && blocks > 0 ? 0 : 1);

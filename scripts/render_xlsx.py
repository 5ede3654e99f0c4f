#!/usr/bin/env python3
"""Draws one sheet of an xlsx file as a PNG, the way a spreadsheet shows it: openpyxl reads
the cells, their number formats, the bold header and the column widths; Pillow draws them.
For the README's picture of an export (LibreOffice, which would render the real thing, is
not needed).

    render_xlsx.py FILE.xlsx SHEET OUT.png [FONT.ttf|ttc]

Needs: pip install openpyxl pillow, and a font with Chinese characters (Debian:
fonts-wqy-microhei or fonts-noto-cjk); the font is looked for in the usual places.
"""
import datetime
import glob
import sys

import openpyxl
from PIL import Image, ImageDraw, ImageFont

FONTS = ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]


def shown(cell):
    """A cell's value as the number format shows it."""
    v, f = cell.value, cell.number_format
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, datetime.datetime):
        return v.date().isoformat()
    if isinstance(v, (int, float)):
        if f.endswith("%"):
            digits = len(f.split(".")[1]) - 1 if "." in f else 0
            return f"{v * 100:.{digits}f}%"
        if f.startswith("0."):
            return f"{v:.{len(f) - 2}f}"
        if f == "0":
            return f"{v:.0f}"
        return str(v)
    return str(v).split("\n")[0]


def main():
    path, sheet, out = sys.argv[1:4]
    font_path = sys.argv[4] if len(sys.argv) > 4 else next((f for f in FONTS + glob.glob("/usr/share/fonts/**/*CJK*", recursive=True)
                                                            if glob.glob(f)), None)
    if font_path is None:
        sys.exit("no font with Chinese characters found: install fonts-wqy-microhei or give FONT.ttf")
    ws = openpyxl.load_workbook(path)[sheet]
    font = ImageFont.truetype(font_path, 15)
    unit, row_h, pad = 8.5, 26, 6
    letters = [openpyxl.utils.get_column_letter(c) for c in range(1, ws.max_column + 1)]
    widths = [int((ws.column_dimensions[l].width or 10) * unit) for l in letters]
    head_w = 36
    W = head_w + sum(widths) + 1
    rows = list(ws.iter_rows())
    H = row_h * (len(rows) + 1) + 1
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    # Column letters and row numbers, as a spreadsheet shows them.
    d.rectangle([0, 0, W, row_h], fill="#eeeeee")
    d.rectangle([0, 0, head_w, H], fill="#eeeeee")
    x = head_w
    for l, w in zip(letters, widths):
        d.text((x + w / 2, row_h / 2), l, fill="#555555", font=font, anchor="mm")
        x += w
    for r, row in enumerate(rows):
        y = row_h * (r + 1)
        d.text((head_w / 2, y + row_h / 2), str(r + 1), fill="#555555", font=font, anchor="mm")
        x = head_w
        for cell, w in zip(row, widths):
            text = shown(cell)
            right = isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
            while text and d.textlength(text, font=font) > w - 2 * pad:
                text = text[:-1]
            bold = 1 if cell.font and cell.font.b else 0
            if right:
                d.text((x + w - pad, y + row_h / 2), text, fill="black", font=font, anchor="rm", stroke_width=bold, stroke_fill="black")
            else:
                d.text((x + pad, y + row_h / 2), text, fill="black", font=font, anchor="lm", stroke_width=bold, stroke_fill="black")
            x += w
    # Grid, and the frozen header's line under the first row.
    x = head_w
    for w in [0] + widths:
        x += w
        d.line([(x, 0), (x, H)], fill="#d0d0d0")
    for r in range(len(rows) + 2):
        d.line([(0, r * row_h), (W, r * row_h)], fill="#d0d0d0")
    if ws.freeze_panes == "A2":
        d.line([(0, 2 * row_h), (W, 2 * row_h)], fill="#555555", width=2)
    img.save(out)
    print(f"{out}: {ws.title}, {len(rows)} rows, {len(widths)} columns")


main()

"""Draw the demo company's logo, community_governance/demo/demo_company_logo.png:
a round red seal, 示范街道办事处 along the ring around a star, 社区治理 below.

Run from the repository root with the venv's Pillow and the Noto Serif CJK
font (Debian package fonts-noto-cjk)::

    .venv/bin/python tools/demo/make_demo_logo.py

The PNG is committed; rerun only to change the drawing.
"""

import math

from PIL import Image, ImageDraw, ImageFont

SIZE = 4 * 256  # drawn large, scaled down (smooth edges)
RED = (200, 16, 30, 255)
FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
OUTPUT = "community_governance/demo/demo_company_logo.png"

img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
draw = ImageDraw.Draw(img)
c = SIZE / 2
# double ring
draw.ellipse([20, 20, SIZE - 20, SIZE - 20], outline=RED, width=44)
# five-pointed star in the middle
r_out, r_in = SIZE * 0.14, SIZE * 0.14 * 0.382
points = []
for i in range(10):
    r = r_out if i % 2 == 0 else r_in
    a = -math.pi / 2 + i * math.pi / 5
    points.append((c + r * math.cos(a), c + 10 + r * math.sin(a)))
draw.polygon(points, fill=RED)
# the name along the upper arc, each character rotated to the circle
text = "示范街道办事处"
font = ImageFont.truetype(FONT, 128, index=0)
radius = SIZE / 2 - 190
span = math.radians(230)
for i, char in enumerate(text):
    angle = -math.pi / 2 - span / 2 + span * (i + 0.5) / len(text)
    glyph = Image.new("RGBA", (220, 220), (0, 0, 0, 0))
    ImageDraw.Draw(glyph).text((110, 110), char, font=font, fill=RED, anchor="mm")
    glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC)
    x = c + radius * math.cos(angle) - 110
    y = c + radius * math.sin(angle) - 110
    img.alpha_composite(glyph, (int(x), int(y)))
# a short line under the star
small = ImageFont.truetype(FONT, 100, index=0)
draw.text((c, c + SIZE * 0.27), "社区治理", font=small, fill=RED, anchor="mm")
img = img.resize((256, 256), Image.LANCZOS)
img.save(OUTPUT, optimize=True)

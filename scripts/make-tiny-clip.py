#!/usr/bin/python3
"""Makes the tiny CLIP-shaped test model under splice-djl/src/test/resources/io/github/splice4j/tinyclip/.

Not CLIP: random weights with CLIP's interfaces, so that the encoder code paths (TorchScript with
encode_image/encode_text methods, the Hugging Face ONNX export layout text_model.onnx/vision_model.onnx,
tokenisation and preprocessing around them) are tested end to end on CPU without Python in CI.

  text:  token ids [B, 77] (int64) -> embedding of (id % 512) -> masked mean up to the first EOT (49407)
         -> linear -> L2-normalised [B, 32]
  image: pixels [B, 3, 224, 224] (float32, CLIP-normalised) -> 8x8 average pool -> flatten -> linear
         -> L2-normalised [B, 32]

Writes clip.pt (TorchScript, both methods), two-modules/text.pt + image.pt (TorchScript, forward only),
text_model.onnx + vision_model.onnx, one-onnx/model.onnx (both inputs and outputs), the CLIP tokenizer and
preprocessor files copied from ../shared/clip-tokenizer, and reference inputs and outputs as .npy:
ref_tokens.npy / ref_text.npy and ref_pixels.npy / ref_image.npy.
Needs Debian's python3-torch (1.13.1): apt-get install python3-torch. Run: /usr/bin/python3 scripts/make-tiny-clip.py
"""
import os, shutil, sys
import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "splice-djl/src/test/resources/io/github/splice4j/tinyclip")
SHARED = os.path.join(ROOT, "..", "shared", "clip-tokenizer")
EOT = 49407
DIM = 32


class TinyClip(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.token = torch.nn.Embedding(512, 48)
        self.text_proj = torch.nn.Linear(48, DIM)
        self.image_proj = torch.nn.Linear(3 * 28 * 28, DIM)

    @torch.jit.export
    def encode_text(self, ids: torch.Tensor) -> torch.Tensor:
        is_eot = (ids == 49407).long()
        first = torch.argmax(is_eot, dim=1)
        pos = torch.arange(ids.shape[1]).unsqueeze(0)
        mask = (pos <= first.unsqueeze(1)).float().unsqueeze(2)
        e = self.token(torch.remainder(ids, 512)) * mask
        x = self.text_proj(e.sum(dim=1) / mask.sum(dim=1))
        return x / x.norm(p=2, dim=-1, keepdim=True)

    @torch.jit.export
    def encode_image(self, pixels: torch.Tensor) -> torch.Tensor:
        p = torch.nn.functional.avg_pool2d(pixels, 8)
        x = self.image_proj(p.flatten(1))
        return x / x.norm(p=2, dim=-1, keepdim=True)

    def forward(self, ids: torch.Tensor, pixels: torch.Tensor):
        return self.encode_text(ids), self.encode_image(pixels)


class TextOnly(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids):
        return self.m.encode_text(input_ids)


class ImageOnly(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, pixel_values):
        return self.m.encode_image(pixel_values)


def main():
    torch.manual_seed(7)
    os.makedirs(OUT, exist_ok=True)
    model = TinyClip().eval()
    torch.jit.script(model).save(os.path.join(OUT, "clip.pt"))
    os.makedirs(os.path.join(OUT, "two-modules"), exist_ok=True)
    torch.jit.script(TextOnly(model)).save(os.path.join(OUT, "two-modules", "text.pt"))
    torch.jit.script(ImageOnly(model)).save(os.path.join(OUT, "two-modules", "image.pt"))
    ids = torch.full((3, 77), EOT, dtype=torch.long)
    for row, seq in enumerate([[49406, 320, 1125, 539, 320, 2368, 49407],      # "a photo of a cat"
                               [49406, 320, 22697, 49407],                      # a short one
                               [49406] + list(range(1000, 1080)) + [49407]]):  # truncated below
        seq = seq[:77]
        seq[-1] = EOT
        ids[row, :len(seq)] = torch.tensor(seq)
    g = torch.Generator().manual_seed(3)
    pixels = torch.randn(2, 3, 224, 224, generator=g)
    with torch.no_grad():
        text = model.encode_text(ids)
        image = model.encode_image(pixels)
        torch.onnx.export(TextOnly(model), (ids,), os.path.join(OUT, "text_model.onnx"),
                          input_names=["input_ids"], output_names=["text_embeds"],
                          dynamic_axes={"input_ids": {0: "batch"}, "text_embeds": {0: "batch"}}, opset_version=13)
        torch.onnx.export(ImageOnly(model), (pixels,), os.path.join(OUT, "vision_model.onnx"),
                          input_names=["pixel_values"], output_names=["image_embeds"],
                          dynamic_axes={"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}}, opset_version=13)
        os.makedirs(os.path.join(OUT, "one-onnx"), exist_ok=True)
        torch.onnx.export(model, (ids, pixels), os.path.join(OUT, "one-onnx", "model.onnx"),
                          input_names=["input_ids", "pixel_values"], output_names=["text_embeds", "image_embeds"],
                          dynamic_axes={"input_ids": {0: "batch"}, "pixel_values": {0: "batch"},
                                        "text_embeds": {0: "batch"}, "image_embeds": {0: "batch"}}, opset_version=13)
    np.save(os.path.join(OUT, "ref_tokens.npy"), ids.numpy().astype(np.float64))
    np.save(os.path.join(OUT, "ref_text.npy"), text.numpy().astype(np.float32))
    np.save(os.path.join(OUT, "ref_pixels.npy"), pixels[:, :, :, :].reshape(2, -1).numpy().astype(np.float32))
    np.save(os.path.join(OUT, "ref_image.npy"), image.numpy().astype(np.float32))
    for f in ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "preprocessor_config.json"]:
        shutil.copyfile(os.path.join(SHARED, f), os.path.join(OUT, f))
    print("wrote", OUT)


if __name__ == "__main__":
    sys.exit(main())

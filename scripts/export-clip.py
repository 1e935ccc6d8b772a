#!/usr/bin/python3
"""Exports a CLIP model into a directory that `splice embed` / `splice dictionary --model DIR` load.

  export-clip.py --open-clip ViT-B-32 --pretrained laion2b_s34b_b79k --out DIR   # needs open_clip_torch
  export-clip.py --open-clip ViT-B-32 --pretrained openai --out DIR               # OpenAI CLIP weights via open_clip
  export-clip.py --hf openai/clip-vit-base-patch32 --out DIR                      # needs transformers (+ onnx)
  export-clip.py --tiny --out DIR [--layout torchscript|onnx]                      # the tiny test model (below)

Layouts written:
  torchscript (default for --open-clip): DIR/clip.pt, one TorchScript module with encode_image(pixels) and
      encode_text(ids) methods (traced), returning L2-normalised embeddings.
  onnx (default for --hf): DIR/text_model.onnx (input_ids, attention_mask -> text_embeds) and
      DIR/vision_model.onnx (pixel_values -> image_embeds), the projected (CLIP-space) embeddings.
Plus DIR/tokenizer.json (the CLIP BPE tokenizer; from the Hugging Face processor, or ../shared/clip-tokenizer for
open_clip models that use OpenAI's tokenizer) and DIR/preprocessor_config.json with the model's image size, mean
and std, and "splice4j_crop_rule": "torchvision" (OpenAI CLIP, open_clip: crop offset round((n - 224) / 2)) or
"huggingface" (CLIPImageProcessor: (n - 224) // 2), so that Splice4J preprocesses images as the model's own
pipeline does.

Tested here on the tiny CLIP-shaped model of scripts/make-tiny-clip.py only (both layouts; `splice embed` on the
exports gives the same embeddings as on the committed tiny model): no CLIP weights, open_clip or transformers can
reach the machines this project is built on, so the --open-clip and --hf paths have not been run.
"""
import argparse
import importlib.util
import json
import os
import shutil
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED_TOKENIZER = os.path.join(HERE, "..", "..", "shared", "clip-tokenizer")
OPENAI_MEAN = [0.48145466, 0.4578275, 0.40821073]
OPENAI_STD = [0.26862954, 0.26130258, 0.27577711]
EOT = 49407


class Encoders(torch.nn.Module):
    """encode_text / encode_image around any model with those two methods, L2-normalised."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def encode_text(self, ids):
        x = self.model.encode_text(ids)
        return x / x.norm(p=2, dim=-1, keepdim=True)

    def encode_image(self, pixels):
        x = self.model.encode_image(pixels)
        return x / x.norm(p=2, dim=-1, keepdim=True)

    def text(self, ids, mask):
        return self.encode_text(ids)

    def image(self, pixels):
        return self.encode_image(pixels)

    def forward(self, ids, pixels):
        return self.encode_text(ids), self.encode_image(pixels)


class TextEmbeds(torch.nn.Module):
    """The text half of a module with text(ids, mask) and image(pixels) methods, for ONNX export."""

    def __init__(self, features):
        super().__init__()
        self.features = features

    def forward(self, input_ids, attention_mask):
        return self.features.text(input_ids, attention_mask)


class ImageEmbeds(torch.nn.Module):
    def __init__(self, features):
        super().__init__()
        self.features = features

    def forward(self, pixel_values):
        return self.features.image(pixel_values)


def example_inputs(size):
    ids = torch.full((2, 77), 0, dtype=torch.long)
    ids[:, 0] = 49406
    ids[0, 1:4] = torch.tensor([320, 1125, EOT])
    ids[1, 1:3] = torch.tensor([320, EOT])
    mask = (torch.arange(77).unsqueeze(0) <= (ids == EOT).long().argmax(dim=1, keepdim=True)).long()
    pixels = torch.randn(2, 3, size, size)
    return ids, mask, pixels


def write_torchscript(model, out, size):
    ids, _, pixels = example_inputs(size)
    wrapped = Encoders(model).eval()
    with torch.no_grad():
        traced = torch.jit.trace_module(wrapped, {"encode_text": (ids,), "encode_image": (pixels,)})
    traced.save(os.path.join(out, "clip.pt"))


def write_onnx(features, out, size):
    ids, mask, pixels = example_inputs(size)
    with torch.no_grad():
        torch.onnx.export(TextEmbeds(features), (ids, mask), os.path.join(out, "text_model.onnx"),
                          input_names=["input_ids", "attention_mask"], output_names=["text_embeds"],
                          dynamic_axes={"input_ids": {0: "batch"}, "attention_mask": {0: "batch"},
                                        "text_embeds": {0: "batch"}}, opset_version=14)
        torch.onnx.export(ImageEmbeds(features), (pixels,), os.path.join(out, "vision_model.onnx"),
                          input_names=["pixel_values"], output_names=["image_embeds"],
                          dynamic_axes={"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}}, opset_version=14)


def write_preprocessor(out, size, mean, std, crop_rule):
    config = {"do_resize": True, "size": {"shortest_edge": size}, "resample": 3, "do_center_crop": True,
              "crop_size": {"height": size, "width": size}, "do_rescale": True, "rescale_factor": 1 / 255,
              "do_normalize": True, "image_mean": list(mean), "image_std": list(std), "do_convert_rgb": True,
              "image_processor_type": "CLIPImageProcessor", "splice4j_crop_rule": crop_rule}
    with open(os.path.join(out, "preprocessor_config.json"), "w") as f:
        json.dump(config, f, indent=2)


def copy_shared_tokenizer(out):
    for name in ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"]:
        shutil.copyfile(os.path.join(SHARED_TOKENIZER, name), os.path.join(out, name))


def tiny(args):
    spec = importlib.util.spec_from_file_location("make_tiny_clip", os.path.join(HERE, "make-tiny-clip.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    torch.manual_seed(7)
    model = mod.TinyClip().eval()      # the same seed and construction as the committed tiny model
    layout = args.layout or "torchscript"
    if layout == "torchscript":
        write_torchscript(model, args.out, 224)
    else:
        write_onnx(Encoders(model).eval(), args.out, 224)
    copy_shared_tokenizer(args.out)
    write_preprocessor(args.out, 224, OPENAI_MEAN, OPENAI_STD,
                       "torchvision" if layout == "torchscript" else "huggingface")


def open_clip_model(args):
    import open_clip
    model, _, preprocess = open_clip.create_model_and_transforms(args.open_clip, pretrained=args.pretrained)
    model.eval()
    size = model.visual.image_size if isinstance(model.visual.image_size, int) else model.visual.image_size[0]
    cfg = getattr(model.visual, "preprocess_cfg", {}) or {}
    mean = cfg.get("mean", OPENAI_MEAN)
    std = cfg.get("std", OPENAI_STD)
    layout = args.layout or "torchscript"
    if layout == "torchscript":
        write_torchscript(model, args.out, size)
    else:
        write_onnx(Encoders(model).eval(), args.out, size)
    copy_shared_tokenizer(args.out)           # open_clip's OpenAI-BPE models; others need their own tokenizer.json
    write_preprocessor(args.out, size, mean, std, "torchvision")


def hf_model(args):
    from transformers import CLIPModel, CLIPProcessor
    model = CLIPModel.from_pretrained(args.hf).eval()
    processor = CLIPProcessor.from_pretrained(args.hf)
    processor.tokenizer.save_pretrained(args.out)     # tokenizer.json (fast tokenizer)
    size = processor.image_processor.crop_size["height"]
    layout = args.layout or "onnx"

    class HfFeatures(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.clip = model

        def text(self, ids, mask):
            x = self.clip.get_text_features(input_ids=ids, attention_mask=mask)
            return x / x.norm(p=2, dim=-1, keepdim=True)

        def image(self, pixels):
            x = self.clip.get_image_features(pixel_values=pixels)
            return x / x.norm(p=2, dim=-1, keepdim=True)

        def encode_text(self, ids):
            return self.text(ids, (ids != 0).long())

        def encode_image(self, pixels):
            return self.image(pixels)

    if layout == "onnx":
        write_onnx(HfFeatures().eval(), args.out, size)
    else:
        write_torchscript(HfFeatures().eval(), args.out, size)
    p = processor.image_processor
    write_preprocessor(args.out, size, p.image_mean, p.image_std, "huggingface")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--open-clip", help="open_clip model name, e.g. ViT-B-32")
    source.add_argument("--hf", help="Hugging Face model name or directory, e.g. openai/clip-vit-base-patch32")
    source.add_argument("--tiny", action="store_true", help="the tiny CLIP-shaped test model")
    parser.add_argument("--pretrained", default="openai", help="open_clip pretrained tag (default: openai)")
    parser.add_argument("--layout", choices=["torchscript", "onnx"], help="export layout")
    parser.add_argument("--out", required=True, help="output directory")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.tiny:
        tiny(args)
    elif args.open_clip:
        open_clip_model(args)
    else:
        hf_model(args)
    print("wrote", args.out)


if __name__ == "__main__":
    sys.exit(main())

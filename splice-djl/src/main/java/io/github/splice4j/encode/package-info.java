/**
 * Encoders that turn texts and images into embeddings through DJL, loaded from local files only:
 * CLIP exported to TorchScript (PyTorch engine) or ONNX (ONNX Runtime engine), with the CLIP tokenizer
 * from a Hugging Face {@code tokenizer.json} and CLIP image preprocessing; and a real sentence
 * embedding model that ships in a Maven jar (all-MiniLM-L6-v2, quantised), used as a stand-in text
 * encoder for end-to-end runs where no CLIP weights are available. Concept embeddings of a vocabulary
 * are cached on disk, keyed by the model's file hash and the vocabulary's hash.
 */
package io.github.splice4j.encode;

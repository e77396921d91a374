#@ starter
# Quantize a trained CNN's weights to int8: at least 3x smaller, held-out accuracy at most 1 point lower.
# ctx.load_pretrained() gives the trained float32 DigitNet (submodules conv1, conv2, fc1, fc2). Submit a
# module whose state_dict holds, for each of conv1, conv2, fc1 and fc2: weight (torch.int8), scale
# (float32, one per output channel) and bias (float32). The judge sums the bytes of those tensors and runs
# its own copy of the network on their dequantized values (weight * scale) on 2,000 held-out digits: only
# the state counts, not your forward.
#@ solution
# Reference solution: post-training, symmetric, per-channel int8 quantization of the weights, with
# torch.quantize_per_channel. Each output channel gets the scale max|w| / 127, so its largest weight maps
# to +-127. (torch.ao.quantization's modules keep packed qint8 weights under names of their own, which
# the judge does not read: the int8 values and scales go into plain buffers.)
#@ end
import torch
from torch import nn
from torch.nn import functional as F


class QuantizedLayer(nn.Module):
    """One layer (nn.Conv2d or nn.Linear) as int8 weights, a float32 scale per output channel and a float32
    bias: three buffers, the only entries of its state_dict."""

    def __init__(self, layer):
        super().__init__()
        original = layer.weight.detach().cpu()
        rows = original.flatten(1)
        #@ starter
        # TODO: choose a scale per output channel (row) so that the row's values fit in -127..127
        # without losing more precision than needed, then round weight / scale to int8.
        scale = torch.ones(rows.shape[0])
        #@ solution
        # Symmetric: zero stays zero, and the largest magnitude of each output channel becomes 127.
        scale = rows.abs().amax(1).clamp_min(1e-12) / 127
        #@ end
        quantized = torch.quantize_per_channel(original, scale, torch.zeros(len(scale), dtype=torch.long), 0, torch.qint8)
        self.register_buffer("weight", quantized.int_repr())
        self.register_buffer("scale", scale.float())
        self.register_buffer("bias", layer.bias.detach().cpu().clone())
        self.padding = layer.padding if isinstance(layer, nn.Conv2d) else None
        # The mean of |w - dequantized w| over the layer's weights.
        self.mean_absolute_error = (self.dequantized() - original).abs().mean().item()

    def dequantized(self):
        """The float32 weights the int8 values stand for."""
        return self.weight.float() * self.scale.view(-1, *[1] * (self.weight.dim() - 1))

    def forward(self, x):
        if self.padding is None:
            return F.linear(x, self.dequantized(), self.bias)
        return F.conv2d(x, self.dequantized(), self.bias, padding=self.padding)


class QuantizedDigitNet(nn.Module):
    """The DigitNet with int8 weights: its state_dict holds conv1.weight (int8), conv1.scale, conv1.bias, ... fc2.bias."""

    def __init__(self, source):
        super().__init__()
        self.conv1 = QuantizedLayer(source.conv1)
        self.conv2 = QuantizedLayer(source.conv2)
        self.fc1 = QuantizedLayer(source.fc1)
        self.fc2 = QuantizedLayer(source.fc2)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


def run(ctx):
    model = QuantizedDigitNet(ctx.load_pretrained())
    for step, (name, layer) in enumerate(model.named_children(), start=1):
        ctx.report(step, mean_abs_error=layer.mean_absolute_error)
        print(f"{name}: mean |w - dequantized w| = {layer.mean_absolute_error:.2e}")
    ctx.submit(model)

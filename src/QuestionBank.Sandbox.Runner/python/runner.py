"""The Python runner: the program in the jail for a Python run, speaking the C# runner's protocol
(RunnerProtocol.cs). It reads the job header and its files from standard input, compiles the
learner's solution.py, runs its run(ctx) with the exercise's training data as tensors, and once the
code has submitted a model it only answers the worker's forward and state requests. It never sees
held-out data and computes no result: the worker's judge does, as for a C# run.
"""

import ast
import base64
import io
import json
import math
import os
import queue
import struct
import sys
import threading
import traceback
from typing import NamedTuple

SOURCE_FILE = "solution.py"
MAX_DIAGNOSTICS = 8000
MAX_STATE_BYTES = 2 * 1024 * 1024  # ModelState.MaxBytes

# What user code writes to fd 1 directly is not ours: the worker reads lines without the token as
# its output. Protocol lines go out on a duplicate of the original standard output, one write each.
_protocol_fd = os.dup(1)
_protocol_lock = threading.Lock()
_token = ""


def _finite(value):
    # System.Text.Json reads NaN and the infinities only as these strings (AllowNamedFloatingPointLiterals).
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def send(message_type, **fields):
    # The token comes first: the worker knows a protocol line by its first bytes.
    message = {"token": _token, "type": message_type}
    message.update({key: value for key, value in fields.items() if value is not None})
    line = (json.dumps(message, separators=(",", ":"), ensure_ascii=False) + "\n").encode("utf-8")
    with _protocol_lock:
        view = memoryview(line)
        while view:
            view = view[os.write(_protocol_fd, view):]


def failure(status, diagnostics):
    send("failure", status=status, diagnostics=_truncate(diagnostics))


def _truncate(text):
    return text if len(text) <= MAX_DIAGNOSTICS else text[:MAX_DIAGNOSTICS] + "\u2026"


class OutputCapture(io.TextIOBase):
    """sys.stdout and sys.stderr of user code: output messages, up to the job's limit."""

    def __init__(self, limit):
        self._limit = limit
        self._pending = []
        self._pending_length = 0
        self._written = 0
        self._dropped = 0
        self._lock = threading.Lock()

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        with self._lock:
            room = max(0, min(self._limit - self._written, len(text)))
            self._pending.append(text[:room])
            self._pending_length += room
            self._written += room
            self._dropped += len(text) - room
            if self._pending_length >= 4096 or "\n" in text:
                self._flush_pending()
        return len(text)

    def flush(self):
        with self._lock:
            self._flush_pending()

    def finish(self):
        self.flush()
        if self._dropped:
            send("output", text=f"\n[output truncated: {self._dropped} more characters]\n")

    def _flush_pending(self):
        text = "".join(self._pending)
        self._pending, self._pending_length = [], 0
        if text:
            send("output", text=text)


class Requests:
    """The worker's requests, read on a thread of their own: a start lets the learner's code begin, a
    cancel sets `cancelled` at once, forward and state requests queue up for the answering loop until an
    end or the end of input."""

    def __init__(self, stream):
        self.cancelled = threading.Event()
        self._answered = threading.Event()
        self._started = False
        self._questions = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), name="request reader", daemon=True).start()

    def wait_for_start(self):
        """Waits for the worker's start (RunnerRequest.Start); False when its requests ended without one."""
        self._answered.wait()
        return self._started

    def questions(self):
        while (request := self._questions.get()) is not None:
            yield request

    def _read(self, stream):
        for line in stream:
            request = json.loads(line)
            kind = request.get("type")
            if kind == "start":
                self._started = True
                self._answered.set()
            elif kind == "cancel":
                self.cancelled.set()
            elif kind in ("forward", "state"):
                self._questions.put(request)
            elif kind == "end":
                break
        self._questions.put(None)
        self._answered.set()


class Cancelled(Exception):
    """Raised by ctx.check_cancelled() once the worker has cancelled the run."""


class Context:
    """What run(ctx) receives: the device, the bounded hyper-parameters, the training data,
    progress and image reporting, cancellation, and submit(model)."""

    def __init__(self, job, torch, training, requests):
        self.device = torch.device("cpu")
        self.epochs = job["epochs"]
        self.learning_rate = job["learningRate"]
        self.batch_size = job["batchSize"]
        self.seed = job["seed"]
        self._training = training
        self._requests = requests
        self.model = None

    def __getattr__(self, name):
        # The exercise's data (ctx.mnist, ctx.series), by the name its loader gave it.
        training = self.__dict__.get("_training", {})
        if name in training:
            return training[name]
        raise AttributeError(f"This exercise has no ctx.{name}.")

    @property
    def cancelled(self):
        return self._requests.cancelled.is_set()

    def check_cancelled(self):
        if self.cancelled:
            raise Cancelled("The run was cancelled.")

    def report(self, step, **metrics):
        """Reports the metrics of one step (an epoch, an episode) for the live chart."""
        send("progress", step=int(step), metrics={str(name): _finite(value) for name, value in metrics.items()})

    def image(self, name, png):
        """Publishes a PNG image (a sample grid, a curve) with the run."""
        send("image", name=str(name), data=base64.b64encode(bytes(png)).decode("ascii"))

    def submit(self, model):
        """Hands back the trained model: the judge asks it its questions."""
        self.model = model

    def create_cart_pole(self):
        """A new CartPole environment (dqn) under the run's twist, as ExerciseContext.CreateCartPole():
        reset() gives the state (4 floats), step(action) the next state, the reward and whether it ended."""
        create = self._training.get("_create_cart_pole")
        if create is None:
            raise AttributeError("This exercise has no ctx.create_cart_pole().")
        return create(self.seed)


class Namespace:
    def __init__(self, **values):
        self.__dict__.update(values)


def _read_mnist(files, torch, np):
    """mnist.bin (QBMNIST1, MnistFile.cs) as DigitTensors: images [N, 1, 28, 28] in [0, 1], labels [N], count."""
    data = files["mnist.bin"]
    if data[:8] != b"QBMNIST1":
        raise ValueError("mnist.bin is not in the QBMNIST1 format.")
    count = struct.unpack_from("<I", data, 8)[0]
    records = np.frombuffer(data, dtype=np.uint8, offset=12).reshape(count, 1 + 28 * 28)
    images = torch.from_numpy(records[:, 1:].astype(np.float32) / 255).reshape(count, 1, 28, 28)
    labels = torch.from_numpy(records[:, 0].astype(np.int64))
    return Namespace(images=images, labels=labels, count=count)


def _load_cnn(files, torch, np):
    return {"mnist": _read_mnist(files, torch, np)}


def _load_lstm(files, torch, np):
    values = torch.from_numpy(np.frombuffer(files["series.bin"], dtype="<f4").copy())
    window = 24

    def windows():
        """Every sliding window: inputs [N, window, 1] and the value after each, targets [N, 1]."""
        inputs = values.unfold(0, window, 1)[:-1].unsqueeze(-1).contiguous()
        return inputs, values[window:].unsqueeze(-1).clone()

    return {"series": Namespace(values=values, window=window, windows=windows)}


PRETRAINED_DIGITNET_FILE = "mnist-digitnet-5x5-16-32-128.bin"  # DigitNet.PretrainedFileName
UNLABELLED_DIGITS_FILE = "mnist-unlabelled.bin"  # PretrainedDigits.UnlabelledFileName


def decode_state(data, torch):
    """A QBSTATE1 state as {name: tensor}, in its order: the inverse of encode_state (float32 and int8)."""
    import numpy as np

    if data[:8] != b"QBSTATE1":
        raise ValueError("The state is not in the QBSTATE1 format.")
    count = struct.unpack_from("<i", data, 8)[0]
    offset = 12
    state = {}
    for _ in range(count):
        length = data[offset]
        name = data[offset + 1:offset + 1 + length].decode("ascii")
        kind, rank = data[offset + 1 + length], data[offset + 2 + length]
        offset += 3 + length
        shape = struct.unpack_from(f"<{rank}i", data, offset)
        offset += 4 * rank
        dtype = {0: np.dtype("<f4"), 1: np.dtype("i1")}[kind]
        elements = math.prod(shape)
        values = np.frombuffer(data, dtype=dtype, count=elements, offset=offset).reshape(shape)
        offset += elements * dtype.itemsize
        state[name] = torch.from_numpy(values.copy())
    if offset != len(data):
        raise ValueError("The state has bytes after its last tensor.")
    return state


def _digit_net_class(torch):
    """DigitNet (Compression/DigitNet.cs) as a PyTorch module: its state_dict names and shapes are the ones the
    compression judges read (conv1.weight, conv1.bias, ... fc2.bias)."""
    from torch import nn
    from torch.nn import functional as F

    class DigitNet(nn.Module):
        """Two convolutions ("same" padding, each followed by ReLU and 2x2 max-pooling), then two linear
        layers; the defaults are the pretrained network's widths."""

        def __init__(self, conv1_channels=16, conv2_channels=32, hidden=128, kernel1=5, kernel2=5):
            super().__init__()
            self.conv1 = nn.Conv2d(1, conv1_channels, kernel1, padding=kernel1 // 2)
            self.conv2 = nn.Conv2d(conv1_channels, conv2_channels, kernel2, padding=kernel2 // 2)
            self.fc1 = nn.Linear(conv2_channels * 7 * 7, hidden)
            self.fc2 = nn.Linear(hidden, 10)

        def forward(self, x):
            x = F.max_pool2d(F.relu(self.conv1(x)), 2)
            x = F.max_pool2d(F.relu(self.conv2(x)), 2)
            return self.fc2(F.relu(self.fc1(x.flatten(1))))

        @classmethod
        def from_state(cls, state):
            """A network with the widths and float32 weights of `state` ({name: tensor})."""
            conv1, conv2, fc1 = state["conv1.weight"].shape, state["conv2.weight"].shape, state["fc1.weight"].shape
            model = cls(conv1[0], conv2[0], fc1[0], conv1[2], conv2[2])
            model.load_state_dict(state)
            return model

    return DigitNet


def _load_compression(files, torch, np):
    # prune, quantize and distill (PretrainedDigits): the training digits (the mnist file of cnn), the
    # pretrained DigitNet's weights, and for distill the training images that come without labels.
    digit_net = _digit_net_class(torch)
    pretrained = decode_state(files[PRETRAINED_DIGITNET_FILE], torch)
    training = {
        "mnist": _load_cnn(files, torch, np)["mnist"],
        # A fresh copy of the pretrained network on the CPU, at each call (ExerciseContext.LoadPretrained).
        "load_pretrained": lambda: digit_net.from_state(pretrained),
        # A new network of the family the judges read, e.g. ctx.digit_net(8, 16, 24, 3, 3) (C#'s new DigitNet(...)).
        "digit_net": digit_net,
    }
    if UNLABELLED_DIGITS_FILE in files:
        # The same format with every label 0: only the images count (ExerciseContext.UnlabelledImages).
        training["unlabelled_images"] = _load_cnn({"mnist.bin": files[UNLABELLED_DIGITS_FILE]}, torch, np)["mnist"].images
    return training


# LetterCodes.cs and WordList.cs: a code per letter (1 + its index here), one shared code past the
# alphabet, 0 for the padding after the word; the languages in label order.
_WORD_LETTERS = "abcdefghijklmnopqrstuvwxyzßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœ"
_WORD_LANGUAGES = ("English", "German", "French", "Spanish", "Italian", "Portuguese", "Dutch")
_WORD_MAX_LENGTH = 16


def _word_codes(text):
    # C# indexes a string by UTF-16 code units: a letter outside the BMP is two codes there, so here too.
    units = text.encode("utf-16-le")
    codes = [0] * _WORD_MAX_LENGTH
    for i in range(min(len(units) // 2, _WORD_MAX_LENGTH)):
        letter = _WORD_LETTERS.find(chr(units[2 * i] | units[2 * i + 1] << 8))
        codes[i] = len(_WORD_LETTERS) + 1 if letter < 0 else letter + 1
    return codes


def _load_words(files, torch, np):
    """transformer and rnn-classify: WordsData, from WordList's "language, tab, word" lines."""
    texts, languages = [], []
    for line in files["words-pool.tsv"].decode("utf-8", "replace").split("\n"):
        if not line:
            continue
        language, tab, text = line.partition("\t")
        if not tab or not language.strip().isdigit() or int(language) >= len(_WORD_LANGUAGES):
            raise ValueError("words-pool.tsv has a malformed line.")
        texts.append(text)
        languages.append(int(language))
    codes = torch.tensor([_word_codes(text) for text in texts], dtype=torch.float32).reshape(len(texts), _WORD_MAX_LENGTH)
    labels = torch.tensor(languages, dtype=torch.int64)
    return {"words": Namespace(codes=codes, labels=labels, texts=texts, languages=list(_WORD_LANGUAGES),
                               language_count=len(_WORD_LANGUAGES), max_length=_WORD_MAX_LENGTH,
                               vocabulary_size=len(_WORD_LETTERS) + 2, count=len(texts))}


def _read_torchsharp_state(data, torch, np):
    """A TorchSharp Module.save file: a LEB128 count, then per tensor its name (a 7-bit-length-prefixed
    UTF-8 string), its ScalarType, rank and sizes (LEB128) and its bytes."""
    position = 0

    def number():
        nonlocal position
        value, shift = 0, 0
        while True:
            byte = data[position]
            position += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    state = {}
    for _ in range(number()):
        length = number()
        name = data[position:position + length].decode("utf-8")
        position += length
        if number() != 6:  # ScalarType.Float32
            raise ValueError(f"The backbone's tensor {name} is not float32.")
        shape = [number() for _ in range(number())]
        count = int(np.prod(shape, dtype=np.int64))
        values = np.frombuffer(data, dtype="<f4", count=count, offset=position).reshape(shape)
        position += 4 * count
        state[name] = torch.from_numpy(values.copy())
    return state


def _load_transfer(files, torch, np):
    """transfer: TransferData, the labelled digits 5-9 (labels 0-4) and the backbone pretrained on 0-4."""
    from collections import OrderedDict

    nn = torch.nn
    feature_size = 64 * 7 * 7

    def create_features():
        """DigitBackbone.CreateFeatures: two fresh convolution blocks, [N, 1, 28, 28] to [N, 3136]."""
        return nn.Sequential(OrderedDict([
            ("conv1", nn.Conv2d(1, 32, 3, padding=1)), ("relu1", nn.ReLU()), ("pool1", nn.MaxPool2d(2)),
            ("conv2", nn.Conv2d(32, 64, 3, padding=1)), ("relu2", nn.ReLU()), ("pool2", nn.MaxPool2d(2)),
            ("flatten", nn.Flatten())]))

    class DigitBackbone(nn.Module):
        """DigitBackbone.cs: features ([N, 1, 28, 28] to [N, 3136]) and a head for the digits 0-4."""

        def __init__(self):
            super().__init__()
            self.features = create_features()
            self.head = nn.Sequential(OrderedDict([
                ("hidden", nn.Linear(feature_size, 128)), ("relu", nn.ReLU()), ("output", nn.Linear(128, 5))]))

        def forward(self, x):
            return self.head(self.features(x))

    weights = _read_torchsharp_state(files["backbone-digits0to4-2conv-3136.bin"], torch, np)
    DigitBackbone().load_state_dict(weights)  # a file of another network fails here, not in the learner's code

    def load_backbone():
        """A new copy of the backbone with its pretrained weights, on the CPU."""
        backbone = DigitBackbone()
        backbone.load_state_dict(weights)
        return backbone

    # The digits come in MnistFile's format, as cnn's; class c is the digit 5 + c.
    digits = _load_cnn({"mnist.bin": files["transfer-digits.bin"]}, torch, np)["mnist"]
    return {"transfer": Namespace(images=digits.images, labels=digits.labels - 5, count=digits.count,
                                  load_backbone=load_backbone, create_features=create_features,
                                  feature_size=feature_size)}


def _load_gan(files, torch, np):
    # The same training digits as cnn's (DigitsExercise): the generator learns from images and labels alike.
    return {"mnist": _read_mnist(files, torch, np)}


class DotNetRandom:
    """System.Random(seed) of .NET, the seeded (Knuth subtractive) generator, so that a CartPole of
    the same seed starts its episodes where the C# one does."""

    _MBIG = 2147483647
    _MSEED = 161803398

    def __init__(self, seed):
        seed = _int32(seed)
        subtraction = self._MBIG if seed == -2147483648 else abs(seed)
        seeds = [0] * 56
        mj = self._MSEED - subtraction
        seeds[55] = mj
        mk = 1
        ii = 0
        for i in range(1, 55):
            ii += 21
            if ii >= 55:
                ii -= 55
            seeds[ii] = mk
            mk = mj - mk
            if mk < 0:
                mk += self._MBIG
            mj = seeds[ii]
        for _ in range(1, 5):
            for i in range(1, 56):
                n = i + 30
                if n >= 55:
                    n -= 55
                seeds[i] -= seeds[1 + n]
                if seeds[i] < 0:
                    seeds[i] += self._MBIG
        self._seeds = seeds
        self._next = 0
        self._nextp = 21

    def next_double(self):
        """A double in [0, 1), as Random.NextDouble()."""
        self._next = 1 if self._next + 1 >= 56 else self._next + 1
        self._nextp = 1 if self._nextp + 1 >= 56 else self._nextp + 1
        value = self._seeds[self._next] - self._seeds[self._nextp]
        if value == self._MBIG:
            value -= 1
        if value < 0:
            value += self._MBIG
        self._seeds[self._next] = value
        return value * (1.0 / self._MBIG)


def _int32(value):
    return (value + 2**31) % 2**32 - 2**31


def _float32(value):
    return struct.unpack("<f", struct.pack("<f", value))[0]


class CartPoleTwist:
    """How one run's CartPole shows itself (CartPoleTwist.cs): the observations' order, signs and offsets,
    and whether action 1 pushes left. Read from cartpole.bin, which the judge hands the jail."""

    def __init__(self, order, signs, offsets, swap_actions):
        self.order, self.signs, self.offsets, self.swap_actions = order, signs, offsets, swap_actions

    @classmethod
    def read(cls, data):
        order = list(data[:4])
        values = struct.unpack_from("<8f", data, 4)
        if sorted(order) != [0, 1, 2, 3]:
            raise ValueError("cartpole.bin does not hold an order of the 4 observations.")
        return cls(order, list(values[:4]), list(values[4:]), data[36] != 0)

    def observe(self, state):
        # C#: (float)(Signs[i] * state[Order[i]] + Offsets[i]), in double, then rounded to float32.
        return [_float32(self.signs[i] * state[self.order[i]] + self.offsets[i]) for i in range(4)]

    def act(self, action):
        return 1 - action if self.swap_actions else action


class CartPoleStep(NamedTuple):
    """The outcome of one step, as C#'s CartPoleStep."""

    state: list  # 4 floats, as the run's twist shows them
    reward: float  # 1.0 for every step the pole stays up
    terminated: bool  # the pole fell or the cart left the track: no future reward
    truncated: bool  # the episode reached max_steps

    @property
    def done(self):
        return self.terminated or self.truncated


class CartPole:
    """CartPole.cs step for step: Gym's CartPole-v1 (Euler at 50 Hz, a 10 N push, the episode ends past
    12 degrees or 2.4 or after 500 steps), its observations and actions through the run's twist."""

    observation_size = 4
    action_count = 2
    max_steps = 500  # DqnRules.MaxSteps

    _GRAVITY = 9.8
    _CART_MASS = 1.0
    _POLE_MASS = 0.1
    _TOTAL_MASS = _CART_MASS + _POLE_MASS
    _HALF_POLE_LENGTH = 0.5
    _POLE_MASS_LENGTH = _POLE_MASS * _HALF_POLE_LENGTH
    _FORCE = 10.0
    _TAU = 0.02
    _ANGLE_LIMIT = 12 * 2 * math.pi / 360
    _POSITION_LIMIT = 2.4

    def __init__(self, seed, twist):
        self._random = DotNetRandom(seed)
        self._twist = twist
        self._physics = [0.0, 0.0, 0.0, 0.0]
        self._steps = 0
        self._done = True

    def reset(self):
        """Starts an episode from a state drawn uniformly in +-0.05; returns the state, 4 floats."""
        self._physics = [self._random.next_double() * 0.1 - 0.05 for _ in range(4)]
        self._steps = 0
        self._done = False
        return self._twist.observe(self._physics)

    def step(self, action):
        """Pushes the cart one way (0) or the other (1) for one time step: (state, reward, terminated, truncated)."""
        if self._done:
            raise RuntimeError("The episode has ended; call reset() first.")
        action = int(action)
        if action not in (0, 1):
            raise ValueError(f"The action must be 0 or 1, not {action}.")
        x, x_dot, theta, theta_dot = self._physics
        force = self._FORCE if self._twist.act(action) == 1 else -self._FORCE
        cos, sin = math.cos(theta), math.sin(theta)
        temp = (force + self._POLE_MASS_LENGTH * theta_dot * theta_dot * sin) / self._TOTAL_MASS
        theta_acc = (self._GRAVITY * sin - cos * temp) / (
            self._HALF_POLE_LENGTH * (4.0 / 3.0 - self._POLE_MASS * cos * cos / self._TOTAL_MASS))
        x_acc = temp - self._POLE_MASS_LENGTH * theta_acc * cos / self._TOTAL_MASS
        x += self._TAU * x_dot
        x_dot += self._TAU * x_acc
        theta += self._TAU * theta_dot
        theta_dot += self._TAU * theta_acc
        self._physics = [x, x_dot, theta, theta_dot]
        self._steps += 1
        terminated = abs(x) > self._POSITION_LIMIT or abs(theta) > self._ANGLE_LIMIT
        truncated = not terminated and self._steps >= self.max_steps
        self._done = terminated or truncated
        return CartPoleStep(self._twist.observe(self._physics), 1.0, terminated, truncated)


def _load_dqn(files, torch, np):
    twist = CartPoleTwist.read(files["cartpole.bin"])
    made = 0

    def create_cart_pole(seed):
        nonlocal made
        # ExerciseContext.CreateCartPole: Seed * 7919 + the number of environments made before, in int32.
        environment = CartPole(_int32(seed * 7919 + made), twist)
        made += 1
        return environment

    return {"_create_cart_pole": create_cart_pole}


# Each exercise's training data as ctx attributes, from the files its judge hands out.
_LOADERS = {
    "cnn": _load_cnn,
    "lstm": _load_lstm,
    "prune": _load_compression,
    "quantize": _load_compression,
    "distill": _load_compression,
    "transformer": _load_words,
    "rnn-classify": _load_words,
    "transfer": _load_transfer,
    "gan": _load_gan,
    "dqn": _load_dqn,
}


def load_training(exercise, files, torch):
    """The training data of an exercise as tensors, from the files its judge handed out."""
    import numpy as np

    loader = _LOADERS.get(exercise)
    if loader is None:
        raise ValueError(f"The exercise '{exercise}' has no Python version yet.")
    return loader(files, torch, np)


def compile_source(source):
    """The compiled module, or the compile errors (1-based line and column, as C#'s)."""
    try:
        tree = ast.parse(source, SOURCE_FILE)
        code = compile(tree, SOURCE_FILE, "exec")
    except SyntaxError as error:
        return None, [{"line": error.lineno or 1, "column": error.offset or 1, "code": type(error).__name__, "message": error.msg}]
    except ValueError as error:  # a source with a NUL byte
        return None, [{"line": 1, "column": 1, "code": "ValueError", "message": str(error)}]
    if not any(isinstance(node, ast.FunctionDef) and node.name == "run" for node in tree.body):
        return None, [{"line": 1, "column": 1, "code": "QB0002", "message": "Define `def run(ctx):` at the top level."}]
    return code, []


def user_traceback(error):
    """The exception with the frames of the learner's file only (their lines), as text."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == SOURCE_FILE]
    lines = ["Traceback (most recent call last):\n"] if frames else []
    lines += traceback.format_list(frames)
    lines += traceback.format_exception_only(type(error), error)
    return "".join(lines)


def failure_status(error):
    if isinstance(error, MemoryError) or (isinstance(error, RuntimeError) and "can't allocate memory" in str(error)):
        return "memory_limit"
    return "failed"


def encode_state(model, torch):
    """The model's state_dict in QBSTATE1, byte for byte as the C# runner's ModelStates writes it."""
    parts = []
    total = 0
    state = model.state_dict()
    for name, value in state.items():
        if not isinstance(value, torch.Tensor):
            raise TypeError(f"The state's entry {name} is not a tensor.")
        cpu = value.detach().cpu().contiguous()
        if cpu.dtype == torch.float32:
            kind = 0
        elif cpu.dtype == torch.int8:
            kind = 1
        else:
            raise TypeError(f"The state's tensor {name} is {cpu.dtype}; the judge reads float32 and int8 tensors.")
        data = cpu.numpy().tobytes()
        total += len(data)
        if total > MAX_STATE_BYTES:
            raise ValueError(f"The model's state holds more than {MAX_STATE_BYTES} bytes.")
        encoded = name.encode("ascii", "replace")
        parts.append(struct.pack("<B", len(encoded) & 0xFF) + encoded + struct.pack("<BB", kind, cpu.dim() & 0xFF)
                     + b"".join(struct.pack("<i", size) for size in cpu.shape) + data)
    return b"QBSTATE1" + struct.pack("<i", len(parts)) + b"".join(parts)


def answer(model, request, torch):
    import numpy as np

    request_id = request.get("id")
    try:
        if request["type"] == "state":
            return {"id": request_id, "data": base64.b64encode(encode_state(model, torch)).decode("ascii")}
        shape = [int(size) for size in request["shape"]]
        values = np.frombuffer(base64.b64decode(request["data"]), dtype="<f4").reshape(shape)
        with torch.no_grad():
            model.eval()
            result = model(torch.from_numpy(values.copy())).detach().cpu().to(torch.float32).contiguous()
        return {"id": request_id, "shape": list(result.shape),
                "data": base64.b64encode(result.numpy().astype("<f4").tobytes()).decode("ascii")}
    except Exception as error:  # noqa: BLE001 - any failure of the learner's model is the answer
        return {"id": request_id, "diagnostics": _truncate(f"{type(error).__name__}: {error}")}


def run_solution(job, source, files, requests):
    code, errors = compile_source(source)
    send("compiled", compileErrors=errors)
    if code is None or not requests.wait_for_start():
        return
    import torch

    training = load_training(job["exercise"], files, torch)
    context = Context(job, torch, training, requests)
    torch.manual_seed(job["seed"])
    send("started")
    capture = OutputCapture(job["outputLimitBytes"])
    sys.stdout = sys.stderr = capture
    sys.stdin = io.StringIO()
    try:
        namespace = {"__name__": "solution", "__builtins__": __builtins__}
        exec(code, namespace)
        namespace["run"](context)
    except BaseException as error:  # noqa: BLE001 - whatever the learner's code raised ends its run
        capture.finish()
        if requests.cancelled.is_set() and isinstance(error, Cancelled):
            failure("cancelled", "The run was cancelled.")
        else:
            failure(failure_status(error), user_traceback(error))
        return
    capture.finish()
    if requests.cancelled.is_set():
        failure("cancelled", "The run was cancelled.")
        return
    model = context.model
    if model is None:
        failure("failed", "run returned without handing back a model: call ctx.submit(model).")
        return
    send("ready")
    for request in requests.questions():
        send("answer", **answer(model, request, torch))


def main():
    global _token
    # Debian's libtorch runs on libgomp, whose threads spin while they wait: on a shared machine two
    # spinning threads made a cnn step 7x and an lstm epoch 14x slower than sleeping ones. Read when
    # libgomp loads, so set before torch is imported.
    os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    # Before the job arrives: a spare jail started ahead of a run has torch imported by then.
    import numpy  # noqa: F401
    import torch  # noqa: F401

    stdin = sys.stdin.buffer
    job = json.loads(stdin.readline())
    _token = job["token"]
    files = {entry["name"]: stdin.read(entry["length"]) for entry in job["files"]}
    requests = Requests(stdin)
    try:
        # RunnerMode.Run: the trusted jobs' modes are the C# runner's alone.
        if job["mode"] != "Run":
            raise ValueError(f"The Python runner runs learners' runs only, not {job['mode']}.")
        run_solution(job, files.pop(SOURCE_FILE).decode("utf-8", "replace"), files, requests)
    except BaseException as error:  # noqa: BLE001 - the runner's own failure
        failure(failure_status(error), f"{type(error).__name__}: {error}")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()

"""helpers.experiments: notebook 07's training runs (train_softmax_regression, softmax_regression_grid)
against PyTorch's own full-batch gradient descent in float64; notebook 06's toy data and BCE/MSE
training (train_logistic, training_comparison) against a plain-Python loop and torch.optim.SGD;
notebook 03's seeded shots (lowbias32, shot_uniforms, simulate_shots) against hand-computed values
and a pure-Python re-implementation of the documented formula."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
from scipy import stats

from helpers import experiments
from tests.references import GOLDEN, MASK, hand_lowbias32, hand_uniforms

F64 = torch.float64
RNG = np.random.default_rng(11)
X = RNG.normal(size=(60, 5))
Y = RNG.integers(0, 4, 60)
X_TEST = RNG.normal(size=(25, 5))
Y_TEST = RNG.integers(0, 4, 25)
W0 = RNG.normal(0.0, 0.1, size=(5, 4))
B0 = RNG.normal(0.0, 0.1, size=4)


def torch_run(lr: float, steps: int, **loss_kwargs):
    model = nn.Linear(5, 4, dtype=F64)
    with torch.no_grad():
        model.weight.copy_(torch.tensor(W0.T))
        model.bias.copy_(torch.tensor(B0))
    kwargs = {k: torch.tensor(v, dtype=F64) if k == "weight" else v for k, v in loss_kwargs.items()}
    loss_fn, plain = nn.CrossEntropyLoss(**kwargs), nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    x, y, xt, yt = map(torch.tensor, (X, Y, X_TEST, Y_TEST))
    objective, train, test, accuracy = [], [], [], []
    for step in range(steps + 1):
        logits = model(x)
        loss = loss_fn(logits, y)
        objective.append(loss.item())
        train.append(plain(logits, y).item())
        with torch.no_grad():
            test.append(plain(model(xt), yt).item())
            accuracy.append((model(xt).argmax(dim=1) == yt).double().mean().item())
        if step == steps:
            break
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model, np.array(objective), np.array(train), np.array(test), np.array(accuracy)


@pytest.mark.parametrize("smoothing, weight", [(0.0, None), (0.1, None), (0.0, [1.0, 2.0, 0.5, 3.0]),
                                               (0.25, [1.0, 2.0, 0.5, 3.0])])
def test_one_run_follows_pytorch(smoothing, weight) -> None:
    run = experiments.train_softmax_regression(X, Y, 0.7, 30, label_smoothing=smoothing, weight=weight, w0=W0,
                                               b0=B0, n_classes=4, x_test=X_TEST, y_test=Y_TEST)
    model, objective, train, test, accuracy = torch_run(0.7, 30, label_smoothing=smoothing,
                                                        **({"weight": weight} if weight else {}))
    np.testing.assert_array_equal(run["steps"], np.arange(31))
    np.testing.assert_allclose(run["objective"], objective, atol=1e-12)
    np.testing.assert_allclose(run["train_loss"], train, atol=1e-12)
    np.testing.assert_allclose(run["test_loss"], test, atol=1e-12)
    np.testing.assert_allclose(run["test_accuracy"], accuracy)
    np.testing.assert_allclose(run["W"], model.weight.detach().numpy().T, atol=1e-12)
    np.testing.assert_allclose(run["b"], model.bias.detach().numpy(), atol=1e-12)


def test_kept_steps_and_weights() -> None:
    run = experiments.train_softmax_regression(X, Y, 0.5, 25, n_classes=4, keep_every=10, w0=W0, b0=B0)
    np.testing.assert_array_equal(run["steps"], [0, 10, 20, 25])
    assert run["W_kept"].shape == (4, 5, 4) and run["b_kept"].shape == (4, 4)
    np.testing.assert_array_equal(run["W_kept"][0], W0)
    np.testing.assert_array_equal(run["W_kept"][-1], run["W"])
    every = experiments.train_softmax_regression(X, Y, 0.5, 25, n_classes=4, w0=W0, b0=B0)
    np.testing.assert_allclose(run["train_loss"], every["train_loss"][[0, 10, 20, 25]], atol=1e-13)


def test_zero_start_gives_ln_c() -> None:
    run = experiments.train_softmax_regression(X, Y, 0.5, 0, n_classes=4)
    assert run["train_loss"][0] == pytest.approx(np.log(4), abs=1e-15)


def test_the_grid_is_every_pair_side_by_side() -> None:
    grid = experiments.softmax_regression_grid(X, Y, [0.1, 1.0], [0.0, 0.2], 12, n_classes=4, x_test=X_TEST,
                                               y_test=Y_TEST, keep_every=4, w0=W0, b0=B0)
    assert grid["runs"] == [(0.1, 0.0), (0.1, 0.2), (1.0, 0.0), (1.0, 0.2)]
    assert grid["W_kept"].shape == (4, 5, 4, 4) and grid["test_loss"].shape == (4, 4)
    for r, (lr, eps) in enumerate(grid["runs"]):
        one = experiments.train_softmax_regression(X, Y, lr, 12, label_smoothing=eps, n_classes=4, x_test=X_TEST,
                                                   y_test=Y_TEST, keep_every=4, w0=W0, b0=B0)
        np.testing.assert_allclose(grid["test_loss"][:, r], one["test_loss"], atol=1e-13)
        np.testing.assert_allclose(grid["W_kept"][:, :, r], one["W_kept"], atol=1e-13)


def test_huge_logits_stay_finite() -> None:
    run = experiments.train_softmax_regression(X * 1e3, Y, 50.0, 5, n_classes=4)
    assert np.isfinite(run["train_loss"]).all() and np.isfinite(run["W"]).all()


@pytest.mark.parametrize("call, name", [
    (lambda: experiments.train_softmax_regression(X[0], Y, 0.1, 5), "x"),
    (lambda: experiments.train_softmax_regression(X, Y.astype(float), 0.1, 5), "y"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, n_classes=3), "y"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.0, 5), "lr"),
    (lambda: experiments.train_softmax_regression(X, Y, [0.1, 0.2], 5), "lr"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, -1), "steps"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, label_smoothing=1.5), "label_smoothing"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, n_classes=4, weight=[1, 1]), "weight"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, n_classes=4, weight=[1, 1, -1, 1]), "weight"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, n_classes=4, w0=np.zeros((4, 4))), "w0"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, n_classes=4, b0=np.zeros(3)), "b0"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, x_test=X_TEST), "x_test, y_test"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, n_classes=4, x_test=X_TEST[:, :3],
                                                  y_test=Y_TEST), "x_test"),
    (lambda: experiments.train_softmax_regression(X, Y, 0.1, 5, keep_every=0), "keep_every"),
    (lambda: experiments.softmax_regression_grid(X, Y, [], [0.0], 5), "lrs"),
    (lambda: experiments.softmax_regression_grid(X, Y, [0.1], [np.nan], 5), "smoothings"),
])
def test_bad_input_names_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=f"^{name}"):
        call()


# --- notebook 06: the toy data and the BCE/MSE training comparison (train_logistic) ------------------
def test_toy_data_is_seeded_and_labels_follow_the_feature() -> None:
    x1, y1 = experiments.toy_data()
    x2, y2 = experiments.toy_data()
    assert np.array_equal(x1, x2) and np.array_equal(y1, y2) and x1.shape == (40,)
    assert set(np.unique(y1)) == {0.0, 1.0}
    assert np.mean((x1 > 0) == (y1 == 1)) > 0.85


def reference_training(loss: str, lr: float, w0: float, steps: int) -> list[float]:
    """Plain-Python gradient descent, one sample at a time in the sums (no NumPy broadcasting)."""
    import math
    x, y = experiments.toy_data()
    w, b = w0, 0.0
    history = []
    for t in range(steps + 1):
        s = [w * xi + b for xi in x]
        history.append(sum(max(si, 0) - si * yi + math.log1p(math.exp(-abs(si))) for si, yi in zip(s, y)) / len(x))
        if t == steps:
            break
        p = [1 / (1 + math.exp(-si)) for si in s]
        g = [(pi - yi) if loss == "bce" else (pi - yi) * pi * (1 - pi) for pi, yi in zip(p, y)]
        w, b = w - lr * sum(gi * xi for gi, xi in zip(g, x)) / len(x), b - lr * sum(g) / len(x)
    return history


@pytest.mark.parametrize("lr, w0", [(0.5, -4.0), (2.0, 0.0), (0.05, 3.0)])
def test_training_matches_a_plain_python_loop(lr, w0) -> None:
    run = experiments.train_logistic(("bce", "mse"), lr=lr, w0=w0, steps=60)
    for k, loss in enumerate(("bce", "mse")):
        np.testing.assert_allclose(run["bce"][:, k], reference_training(loss, lr, w0, 60), rtol=1e-10)


@pytest.mark.parametrize("loss", ["bce", "mse"])
def test_training_matches_torch_sgd(loss) -> None:
    x, y = (torch.tensor(a) for a in experiments.toy_data())
    w = torch.tensor(-4.0, dtype=F64, requires_grad=True)
    b = torch.tensor(0.0, dtype=F64, requires_grad=True)
    opt = torch.optim.SGD([w, b], lr=0.5)
    for _ in range(30):
        opt.zero_grad()
        s = w * x + b
        if loss == "bce":
            F.binary_cross_entropy_with_logits(s, y).backward()
        else:
            (0.5 * (torch.sigmoid(s) - y) ** 2).mean().backward()
        opt.step()
    run = experiments.train_logistic((loss,), lr=0.5, w0=-4.0, steps=30)
    assert run["w"][-1, 0] == pytest.approx(w.item(), rel=1e-10)
    assert run["b"][-1, 0] == pytest.approx(b.item(), rel=1e-10, abs=1e-12)


def test_the_notebook_numbers() -> None:
    run = experiments.training_comparison(lr=0.5, w0=-4.0)
    assert [round(v, 4) for v in run["bce"][0]] == [4.1520, 4.1520]
    assert [round(v, 4) for v in run["bce"][-1]] == [0.2268, 0.4608]
    assert run["first_below_1_nat"] == [8, 174]


def test_training_stays_finite_at_extreme_settings() -> None:
    with np.errstate(all="raise"):
        run = experiments.training_comparison(lr=10.0, w0=6.0)
    assert np.isfinite(run["bce"]).all() and np.isfinite(run["mse"]).all()
    assert experiments.training_comparison(lr=0.01, w0=-6.0)["first_below_1_nat"][1] is None


# --- notebook 03: the seeded shots (lowbias32, shot_uniforms, simulate_shots) ------------------------


@pytest.mark.parametrize("x, expected", [
    (0, 0),                      # 0 is lowbias32's fixed point: why the seed is XORed with G first
    (1, 1753845952),
    (2, 3507691905),
    (5, 1548080446),
    (0x9E3779B9, 33350994),
    (0xFFFFFFFF, 1734902346),
])
def test_lowbias32_matches_hand_computed_values(x, expected) -> None:
    # x = 1 by hand: 1 ^ (1 >> 16) = 1; * 0x7feb352d = 0x7feb352d; ^ (>> 15) = 0x7febcafb;
    # * 0x846ca68b mod 2^32 = 0x6889f849; ^ (>> 16) = 0x688990c0 = 1753845952
    assert hand_lowbias32(x) == expected
    assert experiments.lowbias32(x).tolist() == [expected]


def test_lowbias32_is_elementwise_and_wraps_silently() -> None:
    xs = np.array([0, 1, 2, 12345, 2**31, MASK], dtype=np.uint32)
    with np.errstate(all="raise"):
        out = experiments.lowbias32(xs)
    assert out.dtype == np.uint32 and out.tolist() == [hand_lowbias32(int(x)) for x in xs]
    assert xs.tolist() == [0, 1, 2, 12345, 2**31, MASK], "the input is not changed in place"


@pytest.mark.parametrize("seed, stream", [(0, 0), (0, 1), (7, 0), (20, 1), (123456, 3), (MASK, MASK)])
def test_shot_uniforms_follow_the_documented_formula(seed, stream) -> None:
    u = experiments.shot_uniforms(50, seed, stream)
    assert u.tolist() == hand_uniforms(50, seed, stream)   # exactly: multiples of 2^-32
    assert np.all((u >= 0) & (u < 1))


def test_the_first_uniforms_of_seed_0() -> None:
    """Hand-computed: key = h(h(0 ^ G) + 0), u_0 = h(key) / 2^32; stream 1 starts elsewhere."""
    key = hand_lowbias32(hand_lowbias32(GOLDEN))
    assert experiments.shot_uniforms(1, 0, 0)[0] == hand_lowbias32(key) / 2**32
    assert [round(v, 8) for v in experiments.shot_uniforms(3, 0, 0)] == [0.57934125, 0.06142728, 0.68309892]
    assert [round(v, 8) for v in experiments.shot_uniforms(3, 0, 1)] == [0.77533581, 0.81795479, 0.80274532]


@pytest.mark.parametrize("seed, stream", [(0, 0), (0, 1), (13, 0)])
def test_shot_uniforms_are_uniform(seed, stream) -> None:
    """100,000 draws: a chi-square test on 100 equal bins, the mean 1/2 and the variance 1/12 each within
    four standard errors, and hit counts in blocks spread as a binomial's (the hash of consecutive
    integers would give counts that are too even)."""
    n = 100_000
    u = experiments.shot_uniforms(n, seed, stream)
    counts, _ = np.histogram(u, bins=100, range=(0.0, 1.0))
    assert stats.chisquare(counts).pvalue > 1e-3
    assert abs(u.mean() - 0.5) < 4 * math.sqrt(1 / 12 / n)
    assert abs(u.var() - 1 / 12) < 4 * math.sqrt((1 / 80 - 1 / 144) / n)
    for p, block in ((0.1, 100), (0.5, 100), (0.3, 10)):
        k = (u < p).reshape(-1, block).sum(axis=1)
        ratio = k.var(ddof=1) / (block * p * (1 - p))
        assert abs(ratio - 1) < 4 * math.sqrt(2 / (k.size - 1)), (p, block, ratio)
    pairs, _, _ = np.histogram2d(u[:-1:2], u[1::2], bins=10, range=[[0, 1], [0, 1]])
    assert stats.chisquare(pairs.ravel()).pvalue > 1e-3   # successive draws: no pattern in pairs


def test_streams_do_not_move_together() -> None:
    """Shooter A (stream 0) and B (stream 1) of every seed the notebook and the explorer use: their
    uniforms are uncorrelated, and no two (seed, stream) pairs hash a common counter within their
    first 2 million shots (key + i G = key' + j G has no solution with i, j < 2,000,000)."""
    n = 100_000
    for seed in range(21):   # every seed the simulation explorer offers
        r = np.corrcoef(experiments.shot_uniforms(n, seed, 0), experiments.shot_uniforms(n, seed, 1))[0, 1]
        assert abs(r) < 4 / math.sqrt(n), (seed, r)
    keys = [hand_lowbias32((hand_lowbias32(seed ^ GOLDEN) + stream) & MASK)
            for seed in range(21) for stream in (0, 1)]
    g_inverse = pow(GOLDEN, -1, 2**32)
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            steps = ((b - a) * g_inverse) % 2**32    # b = a + steps * G (mod 2^32)
            assert min(steps, 2**32 - steps) > 2_000_000
    hits = np.array([[experiments.simulate_shots(0.5, 1000, seed, stream).sum() for stream in (0, 1)]
                     for seed in range(200)])
    assert abs(np.corrcoef(hits.T)[0, 1]) < 4 / math.sqrt(200)   # counts of A and B across seeds


def test_simulation_is_seeded_and_prefix_consistent() -> None:
    a = experiments.simulate_shots(0.3, 1000, seed=7)
    assert np.array_equal(a, experiments.simulate_shots(0.3, 1000, seed=7))
    assert np.array_equal(a[:100], experiments.simulate_shots(0.3, 100, seed=7))
    assert np.array_equal(a, np.array(hand_uniforms(1000, 7, 0)) < 0.3)
    assert not np.array_equal(a, experiments.simulate_shots(0.3, 1000, seed=8))
    assert not np.array_equal(a, experiments.simulate_shots(0.3, 1000, seed=7, stream=1))
    assert a.dtype == bool and a.shape == (1000,)
    assert not experiments.simulate_shots(0.0, 50, seed=1).any() and experiments.simulate_shots(1.0, 50, seed=1).all()
    assert experiments.simulate_shots(0.3, 10, seed=np.int64(7)).tolist() == a[:10].tolist()


@pytest.mark.parametrize("n", [0, -5, 2.5, True])
def test_simulation_rejects_bad_n(n) -> None:
    with pytest.raises(ValueError, match=r"^n:"):
        experiments.simulate_shots(0.5, n, seed=0)


@pytest.mark.parametrize("kwargs, name", [
    ({"seed": -1}, "seed"), ({"seed": 2**32}, "seed"), ({"seed": 1.5}, "seed"), ({"seed": float("nan")}, "seed"),
    ({"seed": True}, "seed"), ({"stream": -1}, "stream"), ({"stream": 2**32}, "stream"), ({"stream": 0.5}, "stream"),
])
def test_simulation_rejects_bad_seeds_and_streams(kwargs, name) -> None:
    with pytest.raises(ValueError, match=rf"^{name}:"):
        experiments.simulate_shots(0.5, 10, **{"seed": 0} | kwargs)


@pytest.mark.parametrize("call, name", [
    (lambda: experiments.train_logistic(("bce", "hinge")), "losses"),
    (lambda: experiments.train_logistic(lr=0.0), "lr"),
    (lambda: experiments.train_logistic(steps=0), "steps"),
    (lambda: experiments.toy_data(n=1), "n"),
])
def test_train_logistic_and_toy_data_name_a_bad_argument(call, name) -> None:
    with pytest.raises(ValueError, match=name):
        call()

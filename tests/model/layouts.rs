//! The layers' `_into` methods take buffers from their caller, and the inputs may be views of any
//! layout: a buffer or input in column-major order (or transposed) must give what a fresh
//! row-major one gives. (The training loop only ever passes row-major arrays; the mutation run
//! found the other layouts unchecked.)

use super::{rng, uniform};
use center_loss_lab::model::{Activation, ActivationLayer, Dense};
use ndarray::{Array1, Array2, ShapeBuilder};

/// A buffer of the right shape in column-major order, filled with a value no layer writes.
fn column_major(rows: usize, cols: usize) -> Array2<f64> {
    Array2::from_elem((rows, cols).f(), 7.0)
}

/// A dense layer with a non-zero bias (a fresh layer's bias is zero, which would hide a bias
/// that was never added).
fn dense(inputs: usize, outputs: usize) -> Dense<f64> {
    let mut r = rng("layouts");
    let mut layer = Dense::new(inputs, outputs, true, 2.0, &mut r);
    layer.bias = Some(Array1::from_shape_fn(outputs, |j| 0.5 + j as f64));
    layer
}

#[test]
fn a_dense_layer_writes_the_same_product_into_a_column_major_buffer() {
    // Thin (64 → 2, dot products) and general (6 → 8, blocked product) paths.
    for (inputs, outputs) in [(64, 2), (6, 8)] {
        let layer = dense(inputs, outputs);
        let x = uniform(&mut rng("x"), 5, inputs);
        let expected = layer.forward(x.view());
        let mut y = column_major(5, outputs);
        layer.forward_into(x.view(), &mut y);
        assert_eq!(y, expected, "{inputs} → {outputs} into a column-major buffer");
        // The input given transposed (a view in column-major order).
        let xt = x.t().to_owned();
        let mut from_view = Array2::zeros((0, 0));
        layer.forward_into(xt.t(), &mut from_view);
        assert_eq!(from_view, expected, "{inputs} → {outputs} from a column-major view");
    }
}

#[test]
fn a_dense_layers_input_gradient_fills_a_column_major_buffer() {
    let mut layer = dense(6, 3);
    let x = uniform(&mut rng("x"), 5, 6);
    let grad_out = uniform(&mut rng("g"), 5, 3);
    let expected = layer.backward(x.view(), grad_out.view(), true).expect("an input gradient");
    let mut grad_input = column_major(5, 6);
    layer.backward_into(x.view(), grad_out.view(), Some(&mut grad_input));
    assert_eq!(grad_input, expected);
}

#[test]
fn activations_read_and_write_column_major_arrays_like_row_major_ones() {
    let z = uniform(&mut rng("z"), 4, 5);
    for kind in Activation::ALL {
        let mut layer: ActivationLayer<f64> = ActivationLayer::new(kind, 5);
        let y = layer.forward(z.view());
        let mut y_f = column_major(4, 5);
        layer.forward_into(z.view(), &mut y_f);
        assert_eq!(y_f, y, "{kind:?} forward into a column-major buffer");
        let grad_out = uniform(&mut rng("g"), 4, 5);
        let expected = layer.backward(z.view(), y.view(), grad_out.view());
        let slopes = layer.grad_slope.clone();
        let mut grad_f = Array2::from_shape_vec((4, 5).f(), grad_out.t().iter().copied().collect()).expect("4×5");
        assert_eq!(grad_f, grad_out);
        layer.backward_in_place(z.view(), y.view(), &mut grad_f);
        assert_eq!(grad_f, expected, "{kind:?} backward in a column-major gradient");
        assert_eq!(layer.grad_slope, slopes, "{kind:?} slope gradient");
    }
}

#[test]
fn gradient_vectors_of_the_wrong_length_or_layout_are_replaced_not_written_short() {
    let z = uniform(&mut rng("z"), 4, 5);
    let grad_out = uniform(&mut rng("g"), 4, 5);
    let mut fresh: ActivationLayer<f64> = ActivationLayer::new(Activation::Prelu, 5);
    let y = fresh.forward(z.view());
    let _ = fresh.backward(z.view(), y.view(), grad_out.view());
    let strided = Array1::zeros(10).slice_move(ndarray::s![..;2]);
    assert!(strided.as_slice().is_none(), "a non-contiguous vector of the right length");
    for (what, start) in [("empty", Array1::zeros(0)), ("too long", Array1::zeros(9)), ("strided", strided)] {
        let mut layer: ActivationLayer<f64> = ActivationLayer::new(Activation::Prelu, 5);
        layer.grad_slope = start;
        let _ = layer.backward(z.view(), y.view(), grad_out.view());
        assert_eq!(layer.grad_slope, fresh.grad_slope, "PReLU slope gradient from a {what} buffer");
    }
    let mut layer = dense(6, 3);
    let x = uniform(&mut rng("x"), 4, 6);
    let grad = uniform(&mut rng("g"), 4, 3);
    let _ = layer.backward(x.view(), grad.view(), false);
    let expected = layer.grad_bias.clone();
    layer.grad_bias = Some(Array1::zeros(1));
    let _ = layer.backward(x.view(), grad.view(), false);
    assert_eq!(layer.grad_bias, expected, "bias gradient from a buffer of length 1");
}

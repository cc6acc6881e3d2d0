//! Moving the centers after a step, by the run's update rule.

use super::Trainer;
use crate::model::CenterStep;
use crate::model::UpdateRule;
use crate::model::centers::{center_gradient_into, update_centers_into};

impl Trainer {
    /// Moves the centers toward this step's features (in `buffers.pass`) by the update rule in
    /// force, and records the move in `last_center_step`.
    ///
    /// Under `optimizer` the network's optimizer steps them with `∂(λ·L_C)/∂c` (its own
    /// learning rate, momentum or Adam moments, and weight decay); α plays no part. Every other
    /// rule moves them by α, without the optimizer and without weight decay.
    pub(super) fn move_centers(&mut self) {
        let t = &self.preset.training;
        let buffers = &mut self.buffers;
        let center_step = self.last_center_step.get_or_insert_with(CenterStep::default);
        if t.update_rule != UpdateRule::Optimizer {
            update_centers_into(
                t.update_rule,
                t.alpha as f32,
                &mut self.centers,
                buffers.pass.features.view(),
                &buffers.labels,
                &mut buffers.class_sums,
                center_step,
            );
            return;
        }
        center_gradient_into(
            t.lambda as f32,
            self.centers.view(),
            buffers.pass.features.view(),
            &buffers.labels,
            &mut buffers.class_sums,
            &mut center_step.counts,
            &mut buffers.grad_centers,
        );
        // The move is measured as after − before, in the step's own buffer.
        if center_step.moves.dim() != self.centers.dim() {
            center_step.moves = self.centers.clone();
        } else {
            center_step.moves.assign(&self.centers);
        }
        self.optimizer.step_centers(&mut self.centers, buffers.grad_centers.view());
        center_step.moves.zip_mut_with(&self.centers, |before, &after| *before = after - *before);
    }
}

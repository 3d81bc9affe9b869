//! The group's view of the data: its athletes and what the charts say about
//! its scope, and why a chart has nothing to draw (`Empty`).

use std::collections::BTreeSet;

use crate::classify::{AthleteInfo, Frame};
use crate::model::{Modality, Session};

/// Why a chart has nothing to draw: a headline and the reason.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Empty {
    pub(super) headline: String,
    pub(super) detail: String,
}

/// The athletes of one group and what the charts say about its scope.
pub(super) struct GroupView<'a> {
    pub(super) name: &'a str,
    pub(super) frame: &'a Frame,
    /// Indices into `Frame::athletes`, in id order.
    pub(super) athletes: Vec<usize>,
}

impl<'a> GroupView<'a> {
    pub(super) fn new(frame: &'a Frame, name: &'a str) -> Self {
        let athletes = (0..frame.athletes.len())
            .filter(|&a| frame.athletes[a].group == name)
            .collect();
        GroupView {
            name,
            frame,
            athletes,
        }
    }

    pub(super) fn info(&self, a: usize) -> &AthleteInfo {
        &self.frame.athletes[a]
    }

    /// Athletes the rules apply to.
    pub(super) fn in_scope(&self) -> impl Iterator<Item = usize> + '_ {
        self.athletes
            .iter()
            .copied()
            .filter(|&a| self.info(a).in_scope())
    }

    /// Indices into `Frame::sessions` of strength sessions of in-scope athletes.
    pub(super) fn in_scope_strength(&self) -> impl Iterator<Item = usize> + '_ {
        self.in_scope().flat_map(|a| {
            self.frame.ranges[a]
                .clone()
                .filter(|&i| self.frame.sessions[i].modality == Modality::Strength)
        })
    }

    pub(super) fn session(&self, i: usize) -> &Session {
        &self.frame.sessions[i]
    }

    /// Why nothing can be measured for this group, if so: no athletes, or all exempt.
    pub(super) fn out_of_scope(&self) -> Option<String> {
        if self.athletes.is_empty() {
            return Some(format!("group {} has no athlete in this run", self.name));
        }
        if self.in_scope().next().is_some() {
            return None;
        }
        let statuses: BTreeSet<&str> = self
            .athletes
            .iter()
            .map(|&a| self.info(a).status.as_str())
            .collect();
        let statuses: Vec<&str> = statuses.into_iter().collect();
        Some(format!(
            "{} athletes are exempt: the guidance does not apply to {} athletes",
            self.name,
            statuses.join(" or ")
        ))
    }

    /// Why no in-scope strength session has a time of day, if so; when the
    /// logs give dates only, followed by `consequence` (", so ...").
    pub(super) fn no_timed_strength(&self, consequence: &str) -> Option<String> {
        if let Some(why) = self.out_of_scope() {
            return Some(why);
        }
        let strength: Vec<usize> = self.in_scope_strength().collect();
        if strength.is_empty() {
            return Some(format!(
                "the in-scope athletes of {} logged no strength session",
                self.name
            ));
        }
        if strength.iter().all(|&i| self.session(i).date_only) {
            return Some(format!(
                "the {} logs give dates only ({} strength sessions without a time of day){consequence}",
                self.name,
                strength.len()
            ));
        }
        None
    }
}

//! The sessions of every file joined into the one list the frame holds,
//! moved on all threads without holding every session twice.

use rayon::prelude::*;

use crate::model::Session;

/// Sessions moved at a time before the emptied part of a list is handed
/// back (about 7 MB).
const MOVE_STEP_SESSIONS: usize = 1 << 16;

/// One list of every part's sessions. The parts are moved on all threads,
/// each into its own slice of the list, from the back, handing back what
/// they free as they go: the run's peak never holds every session twice.
/// (The order of the parts does not matter: the frame is sorted after.)
pub(super) fn concat(mut parts: Vec<Vec<Session>>) -> Vec<Session> {
    if parts.len() == 1 {
        return parts.pop().unwrap_or_default();
    }
    let total: usize = parts.iter().map(Vec::len).sum();
    let mut sessions = Vec::with_capacity(total);
    let mut slots = Vec::with_capacity(parts.len());
    let mut rest = &mut sessions.spare_capacity_mut()[..total];
    for part in parts {
        let (slot, after) = rest.split_at_mut(part.len());
        slots.push((part, slot));
        rest = after;
    }
    slots.into_par_iter().for_each(|(mut part, slot)| {
        while !part.is_empty() {
            let from = part.len().saturating_sub(MOVE_STEP_SESSIONS);
            for (to, s) in slot[from..].iter_mut().zip(part.drain(from..)) {
                to.write(s);
            }
            crate::memory::forget_spare(&mut part);
        }
    });
    // SAFETY: the slots cover the first `total` places of the capacity,
    // each as long as its part, and every session of every part was
    // written into its slot above.
    unsafe { sessions.set_len(total) };
    sessions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Modality;
    use crate::test_support::session;

    fn part(name: &str, n: usize) -> Vec<Session> {
        (0..n)
            .map(|i| session(&format!("{name}{i}"), Modality::Strength, i as i64, 1))
            .collect()
    }

    #[test]
    fn parts_are_joined_in_order_whole() {
        let sizes = [MOVE_STEP_SESSIONS * 2 + 5, 0, 3, MOVE_STEP_SESSIONS + 1];
        let parts: Vec<Vec<Session>> = sizes
            .iter()
            .enumerate()
            .map(|(p, &n)| part(&format!("p{p}-"), n))
            .collect();
        let expected: Vec<Session> = parts.iter().flatten().cloned().collect();
        assert_eq!(concat(parts), expected);
    }

    #[test]
    fn one_part_is_kept_as_it_is() {
        assert_eq!(concat(vec![part("a", 3)]), part("a", 3));
        assert!(concat(Vec::new()).is_empty());
    }
}

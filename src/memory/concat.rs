//! Lists joined into one (the sessions of every file into the frame, the
//! flags of every athlete into the audit's), moved on all threads without
//! holding every value twice; and large lists filled on all threads.

use rayon::prelude::*;

/// Values moved at a time before the emptied part of a list is handed
/// back (about 7 MB of sessions).
const MOVE_STEP_VALUES: usize = 1 << 16;

/// `n` copies of `value`, written on all threads, so that the kernel's
/// zeroing of a large list's fresh pages on first touch is shared too.
pub(crate) fn filled<T: Copy + Send + Sync>(n: usize, value: T) -> Vec<T> {
    let mut list = Vec::new();
    rayon::iter::repeat_n(value, n).collect_into_vec(&mut list);
    list
}

/// One list of every part's values, in the parts' order, reserved once at
/// its exact length (see [`append`]); a single part is kept as it is.
pub(crate) fn concat<T: Send>(mut parts: Vec<Vec<T>>) -> Vec<T> {
    if parts.len() == 1 {
        return parts.pop().unwrap_or_default();
    }
    let mut joined = Vec::new();
    append(&mut joined, parts);
    joined
}

/// Appends every part's values to `list`, in the parts' order, reserving
/// room as `Vec::reserve` does (nothing when the capacity suffices). The parts are moved on all threads, each
/// into its own slice of the list, from the back, handing back what they
/// free as they go: the run's peak never holds every value twice, and the
/// list's fresh memory is touched on all threads.
pub(crate) fn append<T: Send>(list: &mut Vec<T>, parts: Vec<Vec<T>>) {
    let total: usize = parts.iter().map(Vec::len).sum();
    list.reserve(total);
    let len = list.len();
    let mut slots = Vec::with_capacity(parts.len());
    let mut rest = &mut list.spare_capacity_mut()[..total];
    for part in parts {
        let (slot, after) = rest.split_at_mut(part.len());
        slots.push((part, slot));
        rest = after;
    }
    slots.into_par_iter().for_each(|(mut part, slot)| {
        while !part.is_empty() {
            let from = part.len().saturating_sub(MOVE_STEP_VALUES);
            for (to, s) in slot[from..].iter_mut().zip(part.drain(from..)) {
                to.write(s);
            }
            super::pages::forget_spare(&mut part);
        }
    });
    // SAFETY: the slots cover the `total` places of the capacity after the
    // list's length, each as long as its part, and every value of every
    // part was written into its slot above.
    unsafe { list.set_len(len + total) };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Modality, Session};
    use crate::test_support::session;

    fn part(name: &str, n: usize) -> Vec<Session> {
        (0..n)
            .map(|i| session(&format!("{name}{i}"), Modality::Strength, i as i64, 1))
            .collect()
    }

    #[test]
    fn filled_lists_hold_n_copies() {
        assert_eq!(filled(3, i64::MAX), vec![i64::MAX; 3]);
        assert!(filled(0, 1u8).is_empty());
    }

    #[test]
    fn parts_are_joined_in_order_whole() {
        let sizes = [MOVE_STEP_VALUES * 2 + 5, 0, 3, MOVE_STEP_VALUES + 1];
        let parts: Vec<Vec<Session>> = sizes
            .iter()
            .enumerate()
            .map(|(p, &n)| part(&format!("p{p}-"), n))
            .collect();
        let expected: Vec<Session> = parts.iter().flatten().cloned().collect();
        assert_eq!(concat(parts), expected);
    }

    #[test]
    fn parts_are_appended_after_what_the_list_holds() {
        let mut list = part("x", 5);
        list.reserve_exact(200);
        let parts = vec![part("a", 3), Vec::new(), part("b", MOVE_STEP_VALUES + 7)];
        let mut expected = list.clone();
        expected.extend(parts.iter().flatten().cloned());
        append(&mut list, parts);
        assert_eq!(list, expected);
        append(&mut list, Vec::new());
        assert_eq!(list, expected);
    }

    #[test]
    fn one_part_is_kept_as_it_is() {
        assert_eq!(concat(vec![part("a", 3)]), part("a", 3));
        assert!(concat(Vec::<Vec<Session>>::new()).is_empty());
    }
}

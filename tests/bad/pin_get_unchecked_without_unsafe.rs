// Pin::get_unchecked_mut is an unsafe function: calling it outside `unsafe { }` is an error.
use core::marker::PhantomPinned;

struct SelfReferential {
    self_ptr: *const SelfReferential,
    _pin: PhantomPinned,
}

async fn main() {
    let mut heap_value = Box::pin(SelfReferential {
        self_ptr: 0 as *const _,
        _pin: PhantomPinned,
    });
    let ptr = &*heap_value as *const SelfReferential;
    let mut_ref = Pin::as_mut(&mut heap_value);
    Pin::get_unchecked_mut(mut_ref).self_ptr = ptr;
}

// The PhantomPinned + Box::pin version after its fix: the field is set through the unsafe
// Pin::get_unchecked_mut (setting a field does not move the struct). The mem::replace that the
// documents try next is rejected at compile time (see tests/bad/pin_box_unsafe_replace.rs).
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
    // safe because modifying a field doesn't move the whole struct
    unsafe {
        let mut_ref = Pin::as_mut(&mut heap_value);
        Pin::get_unchecked_mut(mut_ref).self_ptr = ptr;
    }
    println!("heap value at: {:p}", heap_value);
    println!("internal reference: {:p}", heap_value.self_ptr);
}

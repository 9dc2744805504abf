// The documents' `Pin<Box<T>>` + `PhantomPinned` example before its fix: through the pinned box of
// a `!Unpin` struct, neither the field assignment (E0594) nor `&mut *heap_value` (E0596) compiles.
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
    heap_value.self_ptr = ptr;
    println!("heap value at: {:p}", heap_value);
    println!("internal reference: {:p}", heap_value.self_ptr);

    let stack_value = mem::replace(&mut *heap_value, SelfReferential {
        self_ptr: 0 as *const _,
        _pin: PhantomPinned,
    });
    println!("value at: {:p}", &stack_value);
    println!("internal reference: {:p}", stack_value.self_ptr);
}

// `Option<u32>::replace` takes a `u32` (E0308 at the argument).
fn main() {
    let mut slot: Option<u32> = Some(1);
    let old = slot.replace("two");
    println!("{:?}", old);
}

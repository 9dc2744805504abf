// `replace` needs `&mut self`: the binding must be `mut` (E0596).
fn main() {
    let slot: Option<u32> = Some(1);
    let old = slot.replace(2);
    println!("{:?} {:?}", old, slot);
}

// A generic enum with an impl (`Self::Nop`, `match *self`), an enum declared in a function body, and
// struct-variant fields changed through the `&mut` bindings of an `if let` over `iter_mut()`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Op<T> { Nop, Put(T), Pair { a: T, b: T } }
impl<T: Copy + PartialEq> Op<T> {
    fn first(&self) -> Option<T> {
        match *self {
            Self::Nop => None,
            Self::Put(x) => Some(x),
            Self::Pair { a, .. } => Some(a),
        }
    }
    fn nop() -> Self { Self::Nop }
}
fn main() {
    enum Local { A, B(u8) }
    let l = Local::B(3);
    if let Local::B(n) = l { println!("local {}", n); }
    let o: Op<u32> = Op::nop();
    let mut v = vec![Op::Put(5u32), Op::Pair { a: 1, b: 2 }, o];
    for x in v.iter_mut() {
        if let Op::Pair { a, .. } = x { *a += 10; }
    }
    for x in &v { println!("{:?} {:?}", x, x.first()); }
    let _ = Local::A;
}

// A tuple-struct pattern with too few fields: rustc's E0023 at the fields.
struct Pair(u32, u32);

fn main() {
    let p = Pair(1, 2);
    let Pair(a) = p;
    println!("{}", a);
}

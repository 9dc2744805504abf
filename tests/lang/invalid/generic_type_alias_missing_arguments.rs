// A generic type alias used without its arguments is rustc's E0107 at the alias's name.
type Pair<T> = (T, T);

fn first(p: Pair) -> u8 {
    p.0
}

fn main() {
    println!("{}", first((1, 2)));
}

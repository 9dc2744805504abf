// A struct and an alias share the type namespace: the second item of the same name is an error.
struct Millis {
    n: u64,
}

type Millis = u64;

fn main() {
    let m = Millis { n: 3 };
    println!("{}", m.n);
}

// A constant's initializer must have the constant's type.
const LIMIT: usize = "three";

fn main() {
    println!("{}", LIMIT);
}

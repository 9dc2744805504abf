// A `HashMap` has no `push`: rustc's E0599 at the method's name.
use std::collections::HashMap;

fn main() {
    let mut map: HashMap<u32, u32> = HashMap::new();
    map.push(1);
}
